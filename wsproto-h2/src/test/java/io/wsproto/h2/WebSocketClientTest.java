package io.wsproto.h2;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.handler.ssl.ApplicationProtocolConfig;
import io.netty.handler.ssl.ApplicationProtocolNames;
import io.netty.handler.ssl.SslContextBuilder;
import io.wsproto.events.AcceptConnection;
import io.wsproto.events.RejectConnection;
import io.wsproto.h1.HandshakeRejectedException;
import java.net.URI;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** One client for every transport: it takes HTTP/2 where the server offers RFC 8441, and HTTP/1.1 elsewhere. */
@org.junit.jupiter.api.extension.ExtendWith(NettyLeaks.class)
@Timeout(60)
class WebSocketClientTest {
    static final Tls.Identity IDENTITY = TestTls.localhost();
    static WebSocketServer server;
    /** The same routes over TLS that offers only http/1.1 by ALPN. */
    static WebSocketServer http1Only;
    static WebSocketClient client;

    @BeforeAll
    static void start() throws Exception {
        WebSocketRoutes routes = new WebSocketRoutes()
                .add("/echo", r -> new AcceptConnection(), () -> new TestHandlers.Echo(new LinkedBlockingQueue<>()))
                .add("/private", r -> new RejectConnection(403), () -> new TestHandlers.Echo(new LinkedBlockingQueue<>()));
        server = WebSocketServer.builder().routes(routes).plaintext("127.0.0.1", 0)
                .tls(0, Tls.server(IDENTITY, Tls.Provider.JDK)).threads(1).start();
        http1Only = WebSocketServer.builder().routes(routes).plaintext("127.0.0.1", 0)
                .tls(0, SslContextBuilder.forServer(IDENTITY.key(), IDENTITY.certificate())
                        .applicationProtocolConfig(new ApplicationProtocolConfig(ApplicationProtocolConfig.Protocol.ALPN,
                                ApplicationProtocolConfig.SelectorFailureBehavior.NO_ADVERTISE,
                                ApplicationProtocolConfig.SelectedListenerFailureBehavior.ACCEPT, ApplicationProtocolNames.HTTP_1_1))
                        .build())
                .threads(1).start();
        client = WebSocketClient.builder().trust(IDENTITY.certificate()).threads(1).build();
    }

    @AfterAll
    static void stop() {
        client.close();
        server.close();
        http1Only.close();
    }

    private static String echo(WebSocketClient c, URI uri, boolean http2) throws Exception {
        TestHandlers.Collector collector = new TestHandlers.Collector();
        WebSocketSession ws = c.connect(uri, collector).get(10, TimeUnit.SECONDS);
        assertEquals(http2, ws.isHttp2(), "transport of " + uri);
        ws.sendText("hello " + uri.getScheme());
        Object reply = collector.next();
        ws.close(1000, "done");
        assertEquals(1000, collector.closed.get(10, TimeUnit.SECONDS));
        return (String) reply;
    }

    @Test
    void wsUpgradesOverHttp1() throws Exception {
        assertEquals("hello ws", echo(client, URI.create("ws://127.0.0.1:" + server.plaintextPort() + "/echo"), false));
    }

    @Test
    void wssTakesAnExtendedConnectStream() throws Exception {
        assertEquals("hello wss", echo(client, URI.create("wss://localhost:" + server.tlsPort() + "/echo"), true));
    }

    @Test
    void wssFallsBackToHttp1WhenTheServerChoosesItByAlpn() throws Exception {
        assertEquals("hello wss", echo(client, URI.create("wss://localhost:" + http1Only.tlsPort() + "/echo"), false));
    }

    @Test
    void h2cPriorKnowledgeIsASetting() throws Exception {
        try (WebSocketClient h2c = WebSocketClient.builder().h2cPriorKnowledge(true).threads(1).build()) {
            assertEquals("hello ws", echo(h2c, URI.create("ws://127.0.0.1:" + server.plaintextPort() + "/echo"), true));
        }
    }

    @Test
    void webSocketsToOneOriginShareOneHttp2Connection() throws Exception {
        try (WebSocketClient own = WebSocketClient.builder().trust(IDENTITY.certificate()).threads(1).build()) {
            URI uri = URI.create("wss://localhost:" + server.tlsPort() + "/echo");
            SessionApi first = (SessionApi) own.connect(uri, new TestHandlers.Collector()).get(10, TimeUnit.SECONDS);
            SessionApi second = (SessionApi) own.connect(uri, new TestHandlers.Collector()).get(10, TimeUnit.SECONDS);
            assertNotSame(first.channel(), second.channel(), "two streams");
            assertSame(first.channel().parent(), second.channel().parent(), "one connection");
        }
    }

    @Test
    void aServerWithoutRfc8441OverHttp2GetsTheHttp1UpgradeOnANewConnection() throws Exception {
        WebSocketServer noH2WebSockets = WebSocketServer.builder()
                .routes(new WebSocketRoutes().add("/echo", r -> new AcceptConnection(), () -> new TestHandlers.Echo(new LinkedBlockingQueue<>())))
                .tls(0, Tls.server(IDENTITY, Tls.Provider.JDK)).http2WebSockets(false).threads(1).start();
        try (WebSocketClient own = WebSocketClient.builder().trust(IDENTITY.certificate()).threads(1).build()) {
            URI uri = URI.create("wss://localhost:" + noH2WebSockets.tlsPort() + "/echo");
            assertEquals("hello wss", echo(own, uri, false));
            assertEquals("hello wss", echo(own, uri, false)); // the origin is remembered as HTTP/1.1-only
        } finally {
            noH2WebSockets.close();
        }
    }

    @Test
    @Timeout(120)
    void aThousandWebSocketsToOneOriginShareConnectionsUpToTheServersStreamLimit() throws Exception {
        for (long limit : new long[] {1000, 300}) {
            java.util.Set<io.netty.channel.Channel> connections = java.util.concurrent.ConcurrentHashMap.newKeySet();
            java.util.concurrent.atomic.AtomicInteger opened = new java.util.concurrent.atomic.AtomicInteger();
            WebSocketHandler countsConnections = new WebSocketHandler() {
                @Override
                public void onOpen(WebSocketSession session) {
                    connections.add(((SessionApi) session).channel().parent()); // seen from the server's side
                    opened.incrementAndGet();
                }
            };
            WebSocketServer many = WebSocketServer.builder()
                    .routes(new WebSocketRoutes().add("/echo", r -> new AcceptConnection(), () -> countsConnections))
                    .tls(0, Tls.server(IDENTITY, Tls.Provider.JDK)).maxConcurrentStreams(limit).threads(1).start();
            try (WebSocketClient own = WebSocketClient.builder().trust(IDENTITY.certificate()).deflate(false).threads(1).build()) {
                URI uri = URI.create("wss://localhost:" + many.tlsPort() + "/echo");
                java.util.List<java.util.concurrent.CompletableFuture<WebSocketSession>> all = new java.util.ArrayList<>();
                for (int i = 0; i < 1000; i++) {
                    all.add(own.connect(uri, new TestHandlers.Collector()));
                }
                for (java.util.concurrent.CompletableFuture<WebSocketSession> f : all) {
                    assertTrue(f.get(60, TimeUnit.SECONDS).isHttp2());
                }
                assertEquals(1000, opened.get());
                assertEquals((1000 + limit - 1) / limit, connections.size(), "HTTP/2 connections for 1,000 WebSockets at a limit of " + limit);
            } finally {
                many.close();
            }
        }
    }

    /** A listener that accepts TCP connections and never says a word, neither TLS nor HTTP. */
    private static java.net.ServerSocket silentListener(java.util.List<java.net.Socket> accepted) throws Exception {
        java.net.ServerSocket listener = new java.net.ServerSocket(0, 50, java.net.InetAddress.getLoopbackAddress());
        Thread acceptor = new Thread(() -> {
            try {
                while (true) {
                    accepted.add(listener.accept());
                }
            } catch (java.io.IOException closed) {
                // the test is over
            }
        });
        acceptor.setDaemon(true);
        acceptor.start();
        return listener;
    }

    @Test
    void aSilentServerTimesOutAtTheHandshakeTimeoutOnEveryTransport() throws Exception {
        java.util.List<java.net.Socket> accepted = new java.util.concurrent.CopyOnWriteArrayList<>();
        SessionOptions quick = SessionOptions.DEFAULT.withHandshakeTimeout(java.time.Duration.ofMillis(500));
        try (java.net.ServerSocket silent = silentListener(accepted);
             WebSocketClient impatient = WebSocketClient.builder().options(quick).trust(IDENTITY.certificate()).threads(1).build();
             WebSocketClient impatientH2c = WebSocketClient.builder().options(quick).h2cPriorKnowledge(true).threads(1).build()) {
            for (String uri : new String[] {"ws://127.0.0.1:", "wss://localhost:"}) {
                long start = System.nanoTime();
                ExecutionException e = assertThrows(ExecutionException.class, () -> impatient.connect(
                        URI.create(uri + silent.getLocalPort() + "/echo"), new TestHandlers.Collector()).get(10, TimeUnit.SECONDS));
                assertInstanceOf(java.util.concurrent.TimeoutException.class, e.getCause(), uri + ": " + e.getCause());
                assertTrue(System.nanoTime() - start < TimeUnit.SECONDS.toNanos(3), uri + " gave up within the timeout");
            }
            // h2c with prior knowledge: no SETTINGS within the timeout, then the HTTP/1.1 upgrade, which times out too
            ExecutionException e = assertThrows(ExecutionException.class, () -> impatientH2c.connect(
                    URI.create("ws://127.0.0.1:" + silent.getLocalPort() + "/echo"), new TestHandlers.Collector()).get(10, TimeUnit.SECONDS));
            assertInstanceOf(java.util.concurrent.TimeoutException.class, e.getCause(), String.valueOf(e.getCause()));
        } finally {
            for (java.net.Socket s : accepted) {
                s.close();
            }
        }
    }

    @Test
    void anHttp2HandshakeThatTakesTooLongTimesOutAndTheLateWebSocketIsClosed() throws Exception {
        java.util.concurrent.CompletableFuture<Integer> lateClose = new java.util.concurrent.CompletableFuture<>();
        WebSocketServer slow = WebSocketServer.builder()
                .routes(new WebSocketRoutes().add("/slow", r -> {
                    try {
                        Thread.sleep(1500); // a slow accept decision, on the event loop of this one-thread server
                    } catch (InterruptedException interrupted) {
                        Thread.currentThread().interrupt();
                    }
                    return new AcceptConnection();
                }, () -> new WebSocketHandler() {
                    @Override
                    public void onClose(WebSocketSession session, int code, String reason) {
                        lateClose.complete(code);
                    }
                }))
                .tls(0, Tls.server(IDENTITY, Tls.Provider.JDK)).threads(1).start();
        SessionOptions quick = SessionOptions.DEFAULT.withHandshakeTimeout(java.time.Duration.ofMillis(500));
        try (WebSocketClient impatient = WebSocketClient.builder().options(quick).trust(IDENTITY.certificate()).threads(1).build()) {
            ExecutionException e = assertThrows(ExecutionException.class, () -> impatient.connect(
                    URI.create("wss://localhost:" + slow.tlsPort() + "/slow"), new TestHandlers.Collector()).get(10, TimeUnit.SECONDS));
            assertInstanceOf(java.util.concurrent.TimeoutException.class, e.getCause());
            assertEquals(io.wsproto.CloseCode.GOING_AWAY, lateClose.get(10, TimeUnit.SECONDS), "the WebSocket that opened late is closed");
        } finally {
            slow.close();
        }
    }

    @Test
    void aRejectionCarriesItsStatusOverEitherTransport() {
        for (String uri : new String[] {"ws://127.0.0.1:" + server.plaintextPort() + "/private", "wss://localhost:" + server.tlsPort() + "/private"}) {
            ExecutionException e = assertThrows(ExecutionException.class,
                    () -> client.connect(URI.create(uri), new TestHandlers.Collector()).get(10, TimeUnit.SECONDS));
            HandshakeRejectedException rejected = assertInstanceOf(HandshakeRejectedException.class, e.getCause(), uri);
            assertEquals(403, rejected.status(), uri);
        }
    }

    @Test
    void aRejectionsBodyComesBackOverEitherTransport() {
        for (String uri : new String[] {"ws://127.0.0.1:" + server.plaintextPort() + "/nowhere", "wss://localhost:" + server.tlsPort() + "/nowhere"}) {
            ExecutionException e = assertThrows(ExecutionException.class,
                    () -> client.connect(URI.create(uri), new TestHandlers.Collector()).get(10, TimeUnit.SECONDS));
            HandshakeRejectedException rejected = assertInstanceOf(HandshakeRejectedException.class, e.getCause(), uri);
            assertEquals(404, rejected.status(), uri);
            assertEquals("no WebSocket at /nowhere\n", new String(rejected.body(), java.nio.charset.StandardCharsets.UTF_8), uri);
        }
    }

    @Test
    void aServerThatDoesNotSpeakHttpGetsAnErrorSayingWhatCameBack() throws Exception {
        try (java.net.ServerSocket notHttp = new java.net.ServerSocket(0, 50, java.net.InetAddress.getLoopbackAddress())) {
            Thread answer = new Thread(() -> {
                try (java.net.Socket s = notHttp.accept()) {
                    s.getOutputStream().write("SSH-2.0-OpenSSH_9.2\r\n\r\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
                    s.getInputStream().read(new byte[4096]);
                } catch (java.io.IOException ignored) {
                    // the client hung up
                }
            });
            answer.setDaemon(true);
            answer.start();
            ExecutionException e = assertThrows(ExecutionException.class, () -> client.connect(
                    URI.create("ws://127.0.0.1:" + notHttp.getLocalPort() + "/echo"), new TestHandlers.Collector()).get(10, TimeUnit.SECONDS));
            assertTrue(e.getCause().getMessage().contains("invalid handshake response"), e.getCause().toString());
        }
    }

    @Test
    void anUntrustedCertificateIsRefusedByDefault() {
        try (WebSocketClient strict = WebSocketClient.builder().threads(1).build()) {
            ExecutionException e = assertThrows(ExecutionException.class, () -> strict.connect(
                    URI.create("wss://localhost:" + server.tlsPort() + "/echo"), new TestHandlers.Collector()).get(10, TimeUnit.SECONDS));
            assertTrue(e.getCause() instanceof javax.net.ssl.SSLException || e.getCause().getCause() instanceof javax.net.ssl.SSLException,
                    "a TLS failure, got " + e.getCause());
        }
    }

    @Test
    void aUriThatIsNotAWebSocketIsRefused() {
        ExecutionException e = assertThrows(ExecutionException.class,
                () -> client.connect(URI.create("http://localhost/"), new TestHandlers.Collector()).get());
        assertFalse(e.getCause().getMessage().isEmpty());
        assertInstanceOf(IllegalArgumentException.class, e.getCause());
    }
}
