package io.wsproto.interop.peers;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** The JDK's java.net.http WebSocket client (HTTP/1.1 only, no extensions). */
public final class JdkHttpClient implements EchoClient, WebSocket.Listener {
    private final HttpClient http;
    private final BlockingQueue<Object> received = new LinkedBlockingQueue<>();
    private final CompletableFuture<Integer> closeReply = new CompletableFuture<>();
    private final StringBuilder text = new StringBuilder();
    private final java.io.ByteArrayOutputStream binary = new java.io.ByteArrayOutputStream();
    private final WebSocket ws;

    /** ws:// or wss:// (trusting only the shared test identity). */
    public JdkHttpClient(String uri) throws Exception {
        http = HttpClient.newBuilder().sslContext(PeerTls.trustingContext()).build();
        ws = http.newWebSocketBuilder().buildAsync(URI.create(uri), this).get(10, TimeUnit.SECONDS);
    }

    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
        text.append(data);
        if (last) {
            received.add(text.toString());
            text.setLength(0);
        }
        webSocket.request(1);
        return null;
    }

    @Override
    public CompletionStage<?> onBinary(WebSocket webSocket, ByteBuffer data, boolean last) {
        byte[] bytes = new byte[data.remaining()];
        data.get(bytes);
        binary.writeBytes(bytes);
        if (last) {
            received.add(binary.toByteArray());
            binary.reset();
        }
        webSocket.request(1);
        return null;
    }

    @Override
    public CompletionStage<?> onPong(WebSocket webSocket, ByteBuffer message) {
        byte[] bytes = new byte[message.remaining()];
        message.get(bytes);
        received.add(new PongReceived(bytes));
        webSocket.request(1);
        return null;
    }

    @Override
    public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
        closeReply.complete(statusCode);
        return null;
    }

    @Override
    public void onError(WebSocket webSocket, Throwable error) {
        closeReply.completeExceptionally(error);
        received.add(error);
    }

    @Override
    public void sendText(String s, boolean last) throws Exception {
        ws.sendText(s, last).get(10, TimeUnit.SECONDS);
    }

    @Override
    public void sendBinary(byte[] data, boolean last) throws Exception {
        ws.sendBinary(ByteBuffer.wrap(data), last).get(10, TimeUnit.SECONDS);
    }

    @Override
    public void ping(byte[] payload) throws Exception {
        ws.sendPing(ByteBuffer.wrap(payload)).get(10, TimeUnit.SECONDS);
    }

    @Override
    public Object next() throws Exception {
        return EchoClient.take(received);
    }

    @Override
    public int closeAndAwaitReply(int code) throws Exception {
        ws.sendClose(code, "").get(10, TimeUnit.SECONDS);
        return closeReply.get(10, TimeUnit.SECONDS);
    }

    @Override
    public boolean deflateNegotiated() {
        return false; // the JDK client offers no extensions
    }

    @Override
    public void close() {
        ws.abort();
    }

    @Override
    public String toString() {
        return "JDK HttpClient";
    }
}
