package io.wsproto.h2;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.ByteBuf;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http2.Http2DataFrame;
import io.netty.handler.codec.http2.Http2ResetFrame;
import io.netty.util.ReferenceCountUtil;
import io.wsproto.ConnectionState;
import io.wsproto.ConnectionType;
import io.wsproto.LocalProtocolError;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Who ends which half when, and the close timer, on an EmbeddedChannel standing in for a stream or a connection. */
class CloseHandshakeTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(5);
    private static final ByteBuffer CLOSE_FRAME = ByteBuffer.wrap(new byte[] {(byte) 0x88, 2, 0x03, (byte) 0xE8});

    private final EmbeddedChannel channel = new EmbeddedChannel();
    private final AtomicInteger timeouts = new AtomicInteger();

    private CloseHandshake over(Transport transport) {
        channel.freezeTime();
        return new CloseHandshake(transport, channel.eventLoop(), TIMEOUT, timeouts::incrementAndGet);
    }

    private void afterTimeout() {
        channel.advanceTimeBy(TIMEOUT.toMillis() + 1, TimeUnit.MILLISECONDS);
        channel.runScheduledPendingTasks();
    }

    @AfterEach
    void releaseWhatWasWritten() {
        Object o;
        while ((o = channel.readOutbound()) != null) {
            ReferenceCountUtil.release(o);
        }
        channel.finishAndReleaseAll();
    }

    @Test
    void anHttp2ServerEndsItsHalfWithItsOwnClose() {
        CloseHandshake halves = over(new Http2StreamTransport(channel, ConnectionType.SERVER));
        halves.write(CLOSE_FRAME.duplicate(), ConnectionState.LOCAL_CLOSING);
        Http2DataFrame data = channel.readOutbound();
        assertTrue(data.isEndStream(), "END_STREAM rides on the close frame");
        data.release();
        assertTrue(halves.outputEnded());
        assertThrows(LocalProtocolError.class, () -> halves.write(CLOSE_FRAME.duplicate(), ConnectionState.CLOSED));
    }

    @Test
    void anHttp2ClientWaitsForTheServersEndBeforeEndingItsOwn() {
        CloseHandshake halves = over(new Http2StreamTransport(channel, ConnectionType.CLIENT));
        halves.write(CLOSE_FRAME.duplicate(), ConnectionState.LOCAL_CLOSING);
        Http2DataFrame close = channel.readOutbound();
        assertFalse(close.isEndStream());
        close.release();
        halves.closeAnswered();
        assertNull(channel.readOutbound(), "nothing more until the server ends its half");
        halves.peerEnded();
        halves.endOutput();
        Http2DataFrame end = channel.readOutbound();
        assertTrue(end.isEndStream());
        assertEquals(0, end.content().readableBytes());
        end.release();
        afterTimeout();
        assertEquals(0, timeouts.get(), "the peer's end stopped the timer");
    }

    @Test
    void aPeerThatNeverEndsItsHalfIsResetAtTheCloseTimeout() {
        CloseHandshake halves = over(new Http2StreamTransport(channel, ConnectionType.SERVER));
        halves.write(CLOSE_FRAME.duplicate(), ConnectionState.LOCAL_CLOSING);
        ReferenceCountUtil.release(channel.readOutbound());
        afterTimeout();
        assertEquals(1, timeouts.get());
        assertTrue(halves.inputEnded());
        Object reset = channel.readOutbound();
        assertTrue(reset instanceof Http2ResetFrame, "RST_STREAM, got " + reset);
    }

    @Test
    void anHttp1ServerClosesTheConnectionOnceTheHandshakeIsComplete() {
        CloseHandshake halves = over(new Http1Transport(channel, ConnectionType.SERVER));
        halves.write(CLOSE_FRAME.duplicate(), ConnectionState.LOCAL_CLOSING);
        ByteBuf close = channel.readOutbound();
        close.release();
        assertTrue(channel.isOpen(), "the TCP connection stays open for the reply");
        halves.closeAnswered();
        assertFalse(channel.isOpen(), "the server closes first (RFC 6455 §7.1.1)");
    }

    @Test
    void aTransportLostAfterTheHandshakeNeedsNoReset() {
        CloseHandshake halves = over(new Http2StreamTransport(channel, ConnectionType.CLIENT));
        halves.write(CLOSE_FRAME.duplicate(), ConnectionState.LOCAL_CLOSING);
        ReferenceCountUtil.release(channel.readOutbound());
        halves.lost("stream closed", true);
        afterTimeout();
        assertEquals(0, timeouts.get());
        assertNull(channel.readOutbound());
    }
}
