package io.wsproto.h2;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.wsproto.Limits;
import io.wsproto.events.BytesMessage;
import io.wsproto.events.Event;
import io.wsproto.events.TextMessage;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * {@link SessionOptions#streaming()}: message parts reach {@code onEvent} as they arrive, whole messages are
 * never built, and the size limit bounds each part; and the {@code ByteBuffer} / {@code CharSequence} sends.
 */
@org.junit.jupiter.api.extension.ExtendWith(NettyLeaks.class)
@Timeout(60)
class StreamingTest {
    static final int PART_LIMIT = 64 * 1024;
    static final SessionOptions STREAMING = SessionOptions.DEFAULT.withStreaming(true)
            .withLimits(new Limits(1 << 20, PART_LIMIT, 4 << 20));

    /** Writes each part through to a sink, as an application streaming to disk would; never holds a message. */
    static final class Sink implements WebSocketHandler {
        final ByteArrayOutputStream written = new ByteArrayOutputStream();
        final AtomicInteger parts = new AtomicInteger();
        final AtomicBoolean wholeMessageBuilt = new AtomicBoolean();
        final CompletableFuture<Integer> finished = new CompletableFuture<>();
        final CompletableFuture<Integer> closed = new CompletableFuture<>();

        @Override
        public void onEvent(WebSocketSession session, Event event) {
            if (event instanceof BytesMessage part) {
                assertTrue(part.data().length <= PART_LIMIT, "a part of " + part.data().length + " bytes");
                written.write(part.data(), 0, part.data().length);
                parts.incrementAndGet();
                if (part.messageFinished()) {
                    finished.complete(written.size());
                }
            }
        }

        @Override
        public void onBinary(WebSocketSession session, byte[] data) {
            wholeMessageBuilt.set(true);
        }

        @Override
        public void onClose(WebSocketSession session, int code, String reason) {
            closed.complete(code);
        }
    }

    @ParameterizedTest
    @EnumSource(Wire.class)
    void aMessageSixteenTimesTheLimitStreamsThroughInParts(Wire wire) throws Exception {
        Sink sink = new Sink();
        byte[] message = new byte[16 * PART_LIMIT];
        new java.util.Random(8441).nextBytes(message);
        try (WebSocketServer server = Wire.server(STREAMING, "/upload", () -> sink);
             WebSocketClient client = wire.client(SessionOptions.DEFAULT)) {
            WebSocketSession ws = wire.open(client, server, "/upload", new TestHandlers.Collector());
            for (int i = 0; i < 16; i++) { // a fragmented message: one frame per part
                byte[] part = java.util.Arrays.copyOfRange(message, i * PART_LIMIT, (i + 1) * PART_LIMIT);
                ws.send(new BytesMessage(part, true, i == 15));
            }
            assertEquals(message.length, sink.finished.get(10, TimeUnit.SECONDS));
            assertArrayEquals(message, sink.written.toByteArray());
            assertTrue(sink.parts.get() >= 16, sink.parts.get() + " parts");
            assertFalse(sink.wholeMessageBuilt.get(), "onBinary is not called when streaming");
        }
    }

    @ParameterizedTest
    @EnumSource(Wire.class)
    void aFrameLargerThanThePartLimitIsClosedWith1009(Wire wire) throws Exception {
        Sink sink = new Sink();
        try (WebSocketServer server = Wire.server(STREAMING, "/upload", () -> sink);
             WebSocketClient client = wire.client(SessionOptions.DEFAULT)) {
            TestHandlers.Collector peer = new TestHandlers.Collector();
            WebSocketSession ws = wire.open(client, server, "/upload", peer);
            ws.sendBinary(new byte[PART_LIMIT + 1]);
            assertEquals(1009, peer.closed.get(10, TimeUnit.SECONDS));
            assertEquals(1009, sink.closed.get(10, TimeUnit.SECONDS));
        }
    }

    @ParameterizedTest
    @EnumSource(Wire.class)
    void sendsTakeByteBuffersAndCharSequences(Wire wire) throws Exception {
        try (WebSocketServer server = Wire.server(SessionOptions.DEFAULT, "/echo", () -> new TestHandlers.Echo(new java.util.concurrent.LinkedBlockingQueue<>()));
             WebSocketClient client = wire.client(SessionOptions.DEFAULT)) {
            TestHandlers.Collector replies = new TestHandlers.Collector();
            WebSocketSession ws = wire.open(client, server, "/echo", replies);
            ByteBuffer direct = ByteBuffer.allocateDirect(64);
            direct.put("skip|".getBytes()).put("payload".getBytes()).flip().position(5);
            ws.sendBinary(direct).get(10, TimeUnit.SECONDS);
            assertEquals(5, direct.position(), "the buffer's position does not move");
            assertArrayEquals("payload".getBytes(), (byte[]) replies.next());
            StringBuilder text = new StringBuilder("built ").append("text, ünïcödé and 🙂");
            ws.sendText(text).get(10, TimeUnit.SECONDS);
            assertEquals(text.toString(), replies.next());
            ws.send(new TextMessage("frag", true, false));
            ws.send(new TextMessage("mented", true, true)).get(10, TimeUnit.SECONDS);
            assertEquals("fragmented", replies.next());
        }
    }
}
