package io.wsproto.interop.peers;

import io.wsproto.events.BytesMessage;
import io.wsproto.events.Event;
import io.wsproto.events.Ping;
import io.wsproto.events.Pong;
import io.wsproto.events.TextMessage;
import io.wsproto.h2.WebSocketHandler;
import io.wsproto.h2.WebSocketSession;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** An echo client on one of our Netty sessions: what the session delivers is queued for the plan. */
abstract class SessionEchoClient implements EchoClient, WebSocketHandler {
    private final BlockingQueue<Object> received = new LinkedBlockingQueue<>();
    private final CompletableFuture<Integer> closed = new CompletableFuture<>();

    /** The WebSocket the plan runs on. */
    abstract WebSocketSession session();

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
            received.add(new PongReceived(pong.payload()));
        }
    }

    @Override
    public void onClose(WebSocketSession session, int code, String reason) {
        closed.complete(code);
    }

    @Override
    public void sendText(String text, boolean last) throws Exception {
        session().send(new TextMessage(text, true, last)).get(10, TimeUnit.SECONDS);
    }

    @Override
    public void sendBinary(byte[] data, boolean last) throws Exception {
        session().send(new BytesMessage(data, true, last)).get(10, TimeUnit.SECONDS);
    }

    @Override
    public void ping(byte[] payload) throws Exception {
        session().send(new Ping(payload)).get(10, TimeUnit.SECONDS);
    }

    @Override
    public Object next() throws Exception {
        return EchoClient.take(received);
    }

    @Override
    public int closeAndAwaitReply(int code) throws Exception {
        session().close(code, "").get(10, TimeUnit.SECONDS);
        return closed.get(10, TimeUnit.SECONDS);
    }

    @Override
    public boolean deflateNegotiated() {
        return !session().extensions().isEmpty();
    }
}
