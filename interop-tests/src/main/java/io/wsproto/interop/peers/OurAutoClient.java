package io.wsproto.interop.peers;

import io.wsproto.events.BytesMessage;
import io.wsproto.events.Event;
import io.wsproto.events.Ping;
import io.wsproto.events.Pong;
import io.wsproto.events.TextMessage;
import io.wsproto.h2.WebSocketClient;
import io.wsproto.h2.WebSocketHandler;
import io.wsproto.h2.WebSocketSession;
import java.net.URI;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Our {@link WebSocketClient}, which chooses the transport itself; the matrix says which one it must
 * choose (HTTP/2 where the server offers RFC 8441 over TLS, HTTP/1.1 over ws://) and this fails otherwise.
 */
public final class OurAutoClient implements EchoClient, WebSocketHandler {
    private final WebSocketClient client;
    private final WebSocketSession ws;
    private final BlockingQueue<Object> received = new LinkedBlockingQueue<>();
    private final CompletableFuture<Integer> closed = new CompletableFuture<>();

    public OurAutoClient(String uri, boolean deflate, boolean expectHttp2) throws Exception {
        client = WebSocketClient.builder().deflate(deflate).insecureSkipCertificateVerification().threads(1).build();
        try {
            ws = client.connect(URI.create(uri), List.of(), List.of(), this).get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            client.close();
            throw e;
        }
        if (ws.isHttp2() != expectHttp2) {
            client.close();
            throw new AssertionError("WebSocketClient chose " + (ws.isHttp2() ? "HTTP/2" : "HTTP/1.1") + " for " + uri
                    + ", expected " + (expectHttp2 ? "HTTP/2 (the server offers RFC 8441)" : "HTTP/1.1"));
        }
    }

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
        ws.send(new TextMessage(text, true, last)).get(10, TimeUnit.SECONDS);
    }

    @Override
    public void sendBinary(byte[] data, boolean last) throws Exception {
        ws.send(new BytesMessage(data, true, last)).get(10, TimeUnit.SECONDS);
    }

    @Override
    public void ping(byte[] payload) throws Exception {
        ws.send(new Ping(payload)).get(10, TimeUnit.SECONDS);
    }

    @Override
    public Object next() throws Exception {
        return EchoClient.take(received);
    }

    @Override
    public int closeAndAwaitReply(int code) throws Exception {
        ws.close(code, "").get(10, TimeUnit.SECONDS);
        return closed.get(10, TimeUnit.SECONDS);
    }

    @Override
    public boolean deflateNegotiated() {
        return !ws.extensions().isEmpty();
    }

    @Override
    public void close() {
        client.close();
    }

    @Override
    public String toString() {
        return "wsproto WebSocketClient (" + (ws.isHttp2() ? "h2" : "h1") + ")";
    }
}
