package io.wsproto.interop.peers;

import java.net.URI;
import java.nio.ByteBuffer;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.client.HttpClient;
import org.eclipse.jetty.http2.client.HTTP2Client;
import org.eclipse.jetty.http2.client.transport.HttpClientTransportOverHTTP2;
import org.eclipse.jetty.io.ClientConnector;
import org.eclipse.jetty.util.ssl.SslContextFactory;
import org.eclipse.jetty.websocket.api.Callback;
import org.eclipse.jetty.websocket.api.Session;
import org.eclipse.jetty.websocket.client.ClientUpgradeRequest;
import org.eclipse.jetty.websocket.client.WebSocketClient;

/** Jetty 12's WebSocket client, over HTTP/1.1 or over HTTP/2 (h2c with prior knowledge, or TLS with ALPN h2). */
public final class JettyClient implements EchoClient {
    private static final int MAX = 2 << 20;
    private final WebSocketClient client;
    private final BlockingQueue<Object> received = new LinkedBlockingQueue<>();
    private final CompletableFuture<Integer> closeReply = new CompletableFuture<>();
    private final Session session;

    public JettyClient(String uri, boolean deflate) throws Exception {
        this(uri, deflate, false);
    }

    public JettyClient(String uri, boolean deflate, boolean http2) throws Exception {
        ClientConnector connector = new ClientConnector();
        SslContextFactory.Client ssl = new SslContextFactory.Client(true); // trusts our self-signed test certificate
        ssl.setEndpointIdentificationAlgorithm(null);
        connector.setSslContextFactory(ssl);
        if (http2) {
            HttpClientTransportOverHTTP2 transport = new HttpClientTransportOverHTTP2(new HTTP2Client(connector));
            transport.setUseALPN(uri.startsWith("wss:"));
            client = new WebSocketClient(new HttpClient(transport));
        } else {
            client = new WebSocketClient(new HttpClient(new org.eclipse.jetty.client.transport.HttpClientTransportOverHTTP(connector)));
        }
        client.setMaxTextMessageSize(MAX);
        client.setMaxBinaryMessageSize(MAX);
        client.start();
        ClientUpgradeRequest request = new ClientUpgradeRequest();
        if (deflate) {
            request.addExtensions("permessage-deflate");
        }
        session = client.connect(new Collector(received, closeReply), URI.create(uri), request).get(10, TimeUnit.SECONDS);
    }

    /** Public: Jetty binds listener methods through method handles. */
    public static final class Collector extends Session.Listener.AbstractAutoDemanding {
        private final BlockingQueue<Object> received;
        private final CompletableFuture<Integer> closeReply;

        public Collector(BlockingQueue<Object> received, CompletableFuture<Integer> closeReply) {
            this.received = received;
            this.closeReply = closeReply;
        }

        @Override
        public void onWebSocketText(String message) {
            received.add(message);
        }

        @Override
        public void onWebSocketBinary(ByteBuffer payload, Callback callback) {
            byte[] bytes = new byte[payload.remaining()];
            payload.get(bytes);
            callback.succeed();
            received.add(bytes);
        }

        @Override
        public void onWebSocketPong(ByteBuffer payload) {
            byte[] bytes = new byte[payload.remaining()];
            payload.get(bytes);
            received.add(new PongReceived(bytes));
        }

        @Override
        public void onWebSocketClose(int statusCode, String reason) {
            closeReply.complete(statusCode);
        }

        @Override
        public void onWebSocketError(Throwable cause) {
            received.add(cause);
            closeReply.completeExceptionally(cause);
        }
    }

    private static void await(java.util.function.Consumer<Callback> send) throws Exception {
        Callback.Completable done = new Callback.Completable();
        send.accept(done);
        done.get(10, TimeUnit.SECONDS);
    }

    @Override
    public void sendText(String text, boolean last) throws Exception {
        await(cb -> session.sendPartialText(text, last, cb));
    }

    @Override
    public void sendBinary(byte[] data, boolean last) throws Exception {
        await(cb -> session.sendPartialBinary(ByteBuffer.wrap(data), last, cb));
    }

    @Override
    public void ping(byte[] payload) throws Exception {
        await(cb -> session.sendPing(ByteBuffer.wrap(payload), cb));
    }

    @Override
    public Object next() throws Exception {
        return EchoClient.take(received);
    }

    @Override
    public int closeAndAwaitReply(int code) throws Exception {
        session.close(code, "", Callback.NOOP);
        try {
            return closeReply.get(10, TimeUnit.SECONDS);
        } catch (java.util.concurrent.ExecutionException e) {
            throw new AssertionError("Jetty reported an error instead of the server's close reply: " + e.getCause(), e.getCause());
        }
    }

    @Override
    public boolean deflateNegotiated() {
        return !session.getUpgradeResponse().getExtensions().isEmpty();
    }

    @Override
    public void close() throws Exception {
        client.stop();
    }

    @Override
    public String toString() {
        return "Jetty 12 client";
    }
}
