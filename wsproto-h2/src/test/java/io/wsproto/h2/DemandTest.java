package io.wsproto.h2;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * {@link SessionOptions#demand()}: nothing is delivered, and the peer is not read, beyond what
 * {@link WebSocketSession#request} asked for, so a fast sender meets TCP back-pressure or its stream's window.
 */
@org.junit.jupiter.api.extension.ExtendWith(NettyLeaks.class)
@Timeout(60)
class DemandTest {
    static final int MESSAGE = 256 * 1024;
    static final int MESSAGES = 64;

    /** Records what it is given and asks for nothing by itself. */
    static final class Lazy implements WebSocketHandler {
        final CompletableFuture<WebSocketSession> opened = new CompletableFuture<>();
        final BlockingQueue<byte[]> received = new LinkedBlockingQueue<>();

        @Override
        public void onOpen(WebSocketSession session) {
            opened.complete(session);
        }

        @Override
        public void onBinary(WebSocketSession session, byte[] data) {
            received.add(data);
        }
    }

    @ParameterizedTest
    @EnumSource(Wire.class)
    void deliversOnlyWhatWasRequestedAndHoldsThePeerBackMeanwhile(Wire wire) throws Exception {
        Lazy lazy = new Lazy();
        try (WebSocketServer server = Wire.server(SessionOptions.DEFAULT.withDemand(true), "/lazy", () -> lazy);
             WebSocketClient client = wire.client(SessionOptions.DEFAULT.withMaxQueuedOutboundBytes(1L << 30))) {
            TestHandlers.Collector peerSide = new TestHandlers.Collector();
            WebSocketSession sender = wire.open(client, server, "/lazy", peerSide);
            WebSocketSession receiver = lazy.opened.get(10, TimeUnit.SECONDS);
            for (int i = 0; i < MESSAGES; i++) {
                byte[] m = new byte[MESSAGE];
                m[0] = (byte) i;
                sender.sendBinary(m);
            }
            Thread.sleep(300);
            assertTrue(lazy.received.isEmpty(), "nothing delivered without demand");

            receiver.request(2);
            assertEquals(0, lazy.received.poll(10, TimeUnit.SECONDS)[0]);
            assertEquals(1, lazy.received.poll(10, TimeUnit.SECONDS)[0]);
            Thread.sleep(300);
            assertTrue(lazy.received.isEmpty(), "two asked for, two delivered");
            long held = sender.queuedBytes();
            assertTrue(held > 4L * MESSAGE, "the peer is held back: " + held + " bytes still queued at the sender");

            receiver.request(Long.MAX_VALUE);
            receiver.request(Long.MAX_VALUE); // saturates
            for (int i = 2; i < MESSAGES; i++) {
                byte[] m = lazy.received.poll(10, TimeUnit.SECONDS);
                assertEquals((byte) i, m[0], "message " + i + " in order");
                assertEquals(MESSAGE, m.length);
            }
            long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (sender.queuedBytes() > 0 && System.nanoTime() < until) {
                Thread.sleep(10);
            }
            assertEquals(0, sender.queuedBytes(), "the sender's queue drained");
            assertThrows(IllegalArgumentException.class, () -> receiver.request(0));
            sender.close(1000, "");
            assertEquals(1000, peerSide.closed.get(10, TimeUnit.SECONDS));
        }
    }

    @ParameterizedTest
    @EnumSource(Wire.class)
    void withoutDemandModeEverythingIsDeliveredAndRequestIsIgnored(Wire wire) throws Exception {
        Lazy eager = new Lazy();
        try (WebSocketServer server = Wire.server(SessionOptions.DEFAULT, "/eager", () -> eager);
             WebSocketClient client = wire.client(SessionOptions.DEFAULT)) {
            WebSocketSession sender = wire.open(client, server, "/eager", new TestHandlers.Collector());
            eager.opened.get(10, TimeUnit.SECONDS).request(1);
            for (int i = 0; i < 5; i++) {
                sender.sendBinary(new byte[] {(byte) i});
            }
            for (int i = 0; i < 5; i++) {
                assertEquals(i, eager.received.poll(10, TimeUnit.SECONDS)[0]);
            }
        }
    }
}
