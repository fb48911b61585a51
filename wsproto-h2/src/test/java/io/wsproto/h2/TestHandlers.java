package io.wsproto.h2;

import io.wsproto.events.Event;
import io.wsproto.events.Pong;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** Handlers for tests: an echo server, and a client that queues what it receives. */
final class TestHandlers {
    private TestHandlers() {
    }

    /** The close a session saw and whether it ran over HTTP/2 with deflate. */
    record Closed(int code, String reason, boolean http2, boolean deflate) {
    }

    static final class Echo implements WebSocketHandler {
        private final BlockingQueue<Closed> closes;

        Echo(BlockingQueue<Closed> closes) {
            this.closes = closes;
        }

        @Override
        public void onText(WebSocketSession session, String text) {
            session.sendText(text);
        }

        @Override
        public void onBinary(WebSocketSession session, byte[] data) {
            session.sendBinary(data);
        }

        @Override
        public void onClose(WebSocketSession session, int code, String reason) {
            closes.add(new Closed(code, reason, session.isHttp2(), !session.extensions().isEmpty()));
        }
    }

    /** Queues whole messages (String or byte[]) and pongs; completes {@link #closed} with the close code. */
    static final class Collector implements WebSocketHandler {
        final BlockingQueue<Object> received = new LinkedBlockingQueue<>();
        final CompletableFuture<Integer> closed = new CompletableFuture<>();

        @Override
        public void onText(WebSocketSession session, String text) {
            received.add(text);
        }

        @Override
        public void onBinary(WebSocketSession session, byte[] data) {
            received.add(data);
        }

        @Override
        public void onEvent(WebSocketSession session, Event event) {
            if (event instanceof Pong pong) {
                received.add(pong);
            }
        }

        @Override
        public void onClose(WebSocketSession session, int code, String reason) {
            closed.complete(code);
        }

        Object next() throws InterruptedException {
            Object o = received.poll(10, TimeUnit.SECONDS);
            if (o == null) {
                throw new AssertionError("nothing received within 10 s");
            }
            return o;
        }
    }
}
