package io.wsproto.h2;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.wsproto.CloseCode;
import io.wsproto.Connection;
import io.wsproto.ConnectionType;
import io.wsproto.events.CloseConnection;
import io.wsproto.events.Event;
import io.wsproto.events.Ping;
import io.wsproto.events.Pong;
import io.wsproto.events.Request;
import io.wsproto.events.TextMessage;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A server session on an EmbeddedChannel standing in for an HTTP/1.1 connection; a core client
 * {@link Connection} plays the peer, so what the session writes is read back as events.
 */
class NettySessionTest {
    private final EmbeddedChannel channel = new EmbeddedChannel();
    private final Connection peer = new Connection(ConnectionType.CLIENT);
    private final List<String> seen = new ArrayList<>();

    private NettySession open(SessionOptions options) {
        channel.freezeTime();
        WebSocketHandler echo = new WebSocketHandler() {
            @Override
            public void onText(WebSocketSession session, String text) {
                seen.add("text " + text);
                session.sendText(text);
            }

            @Override
            public void onClose(WebSocketSession session, int code, String reason) {
                seen.add("close " + code);
            }
        };
        NettySession session = new NettySession(channel, new Connection(ConnectionType.SERVER), new Http1Transport(channel, ConnectionType.SERVER), echo,
                options, new Request("localhost", "/"), null);
        session.open();
        return session;
    }

    private void fromPeer(NettySession session, Event event) {
        session.onData(Unpooled.wrappedBuffer(peer.send(event)), false);
    }

    /** What the session wrote, as the peer reads it. */
    private List<Event> toPeer() {
        ByteBuf out;
        while ((out = channel.readOutbound()) != null) {
            try {
                peer.receiveData(out.nioBuffer());
            } finally {
                out.release();
            }
        }
        return peer.events();
    }

    @AfterEach
    void finish() {
        channel.finishAndReleaseAll();
    }

    @Test
    void echoesAMessageAndAnswersAPing() {
        NettySession session = open(SessionOptions.DEFAULT);
        fromPeer(session, new TextMessage("hello"));
        fromPeer(session, new Ping(new byte[] {7}));
        List<Event> replies = toPeer();
        assertEquals("hello", ((TextMessage) replies.get(0)).data());
        assertInstanceOf(Pong.class, replies.get(1));
        assertEquals(List.of("text hello"), seen);
    }

    @Test
    void repliesToThePeersCloseAndClosesTheConnection() {
        NettySession session = open(SessionOptions.DEFAULT);
        fromPeer(session, new CloseConnection(CloseCode.NORMAL_CLOSURE, "bye"));
        CloseConnection reply = (CloseConnection) toPeer().get(0);
        assertEquals(CloseCode.NORMAL_CLOSURE, reply.code());
        assertEquals(List.of("close 1000"), seen);
        assertFalse(channel.isOpen(), "the server closes the TCP connection once the handshake is complete");
    }

    @Test
    void aPeerThatBreaksTheProtocolGetsItsCloseCode() {
        NettySession session = open(SessionOptions.DEFAULT);
        byte[] unmasked = {(byte) 0x81, 1, 'x'}; // a client frame must be masked (RFC 6455 §5.1)
        session.onData(Unpooled.wrappedBuffer(unmasked), false);
        CloseConnection reply = (CloseConnection) toPeer().get(0);
        assertEquals(CloseCode.PROTOCOL_ERROR, reply.code());
        assertEquals(List.of("close 1002"), seen);
    }

    @Test
    void anIdlePeerIsClosedWith1001() {
        open(SessionOptions.DEFAULT.withIdleTimeout(Duration.ofSeconds(30)));
        channel.advanceTimeBy(31, TimeUnit.SECONDS);
        channel.runScheduledPendingTasks();
        CloseConnection close = (CloseConnection) toPeer().get(0);
        assertEquals(CloseCode.GOING_AWAY, close.code());
        assertTrue(channel.isOpen(), "waiting for the peer's reply");
        channel.advanceTimeBy(SessionOptions.DEFAULT.closeTimeout().toSeconds() + 1, TimeUnit.SECONDS);
        channel.runScheduledPendingTasks();
        assertFalse(channel.isOpen(), "no reply within the close timeout: the connection is dropped");
        assertEquals(List.of("close 1006"), seen);
    }

    @Test
    void theEndOfInputWithoutACloseIs1006() {
        NettySession session = open(SessionOptions.DEFAULT);
        session.onInputEnded();
        assertEquals(List.of("close 1006"), seen);
        assertFalse(channel.isOpen());
    }
}
