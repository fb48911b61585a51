package io.wsproto.interop.h2;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.wsproto.interop.peers.JettyClient;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.client.AbstractConnectionPool;
import org.eclipse.jetty.client.Destination;
import org.eclipse.jetty.client.HttpClient;
import org.eclipse.jetty.http2.client.HTTP2Client;
import org.eclipse.jetty.http2.client.transport.HttpClientTransportOverHTTP2;
import org.eclipse.jetty.io.ClientConnector;
import org.eclipse.jetty.util.ssl.SslContextFactory;
import org.eclipse.jetty.websocket.api.Callback;
import org.eclipse.jetty.websocket.api.Session;
import org.eclipse.jetty.websocket.client.ClientUpgradeRequest;
import org.eclipse.jetty.websocket.client.WebSocketClient;

/**
 * {@link ConcurrentPlan} driven by Jetty 12's client: 100 WebSockets that Jetty multiplexes on one HTTP/2
 * connection, 100 messages each, every byte checked, all closed with 1000.
 */
final class JettyConcurrentPlan {
    private JettyConcurrentPlan() {
    }

    static void run(String uri, boolean deflate) throws Exception {
        ClientConnector connector = new ClientConnector();
        SslContextFactory.Client ssl = new SslContextFactory.Client(true); // trusts our self-signed test certificate
        ssl.setEndpointIdentificationAlgorithm(null);
        connector.setSslContextFactory(ssl);
        HttpClientTransportOverHTTP2 transport = new HttpClientTransportOverHTTP2(new HTTP2Client(connector));
        transport.setUseALPN(uri.startsWith("wss:"));
        HttpClient http = new HttpClient(transport);
        WebSocketClient client = new WebSocketClient(http);
        client.start();
        try {
            List<Session> sessions = new ArrayList<>();
            List<BlockingQueue<Object>> inboxes = new ArrayList<>();
            List<CompletableFuture<Integer>> closes = new ArrayList<>();
            for (int i = 0; i < ConcurrentPlan.STREAMS; i++) {
                ClientUpgradeRequest request = new ClientUpgradeRequest();
                if (deflate) {
                    request.addExtensions("permessage-deflate");
                }
                BlockingQueue<Object> inbox = new LinkedBlockingQueue<>();
                CompletableFuture<Integer> closed = new CompletableFuture<>();
                sessions.add(client.connect(new JettyClient.Collector(inbox, closed), URI.create(uri), request).get(10, TimeUnit.SECONDS));
                inboxes.add(inbox);
                closes.add(closed);
            }
            List<Destination> destinations = http.getDestinations();
            assertEquals(1, destinations.size(), "one destination");
            assertEquals(1, ((AbstractConnectionPool) destinations.get(0).getConnectionPool()).getConnectionCount(),
                    "Jetty carried all " + ConcurrentPlan.STREAMS + " WebSockets on one HTTP/2 connection");
            List<Callback.Completable> sent = new ArrayList<>();
            for (int m = 0; m < ConcurrentPlan.MESSAGES; m++) {
                for (int i = 0; i < ConcurrentPlan.STREAMS; i++) {
                    Callback.Completable done = new Callback.Completable();
                    sessions.get(i).sendText(message(i, m), done);
                    sent.add(done);
                }
            }
            for (Callback.Completable done : sent) {
                done.get(20, TimeUnit.SECONDS);
            }
            for (int i = 0; i < ConcurrentPlan.STREAMS; i++) {
                for (int m = 0; m < ConcurrentPlan.MESSAGES; m++) {
                    assertEquals(message(i, m), inboxes.get(i).poll(20, TimeUnit.SECONDS), "stream " + i);
                }
            }
            for (Session s : sessions) {
                s.close(1000, "", Callback.NOOP);
            }
            for (CompletableFuture<Integer> c : closes) {
                assertEquals(1000, c.get(20, TimeUnit.SECONDS));
            }
        } finally {
            client.stop();
        }
    }

    private static String message(int stream, int m) {
        return "stream " + stream + " message " + m + " " + "x".repeat(m);
    }
}
