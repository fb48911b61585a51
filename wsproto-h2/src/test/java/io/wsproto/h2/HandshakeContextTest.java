package io.wsproto.h2;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.handler.ssl.ApplicationProtocolConfig;
import io.netty.handler.ssl.ApplicationProtocolNames;
import io.netty.handler.ssl.ClientAuth;
import io.netty.handler.ssl.SslContextBuilder;
import io.wsproto.events.Header;
import io.wsproto.h1.HandshakeRejectedException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Asynchronous accept decisions ({@link WebSocketRoutes#addAsync}) with the remote address, TLS identity and
 * ALPN protocol; rejections with a body; the origin allow-list; over HTTP/1.1 and HTTP/2.
 */
@org.junit.jupiter.api.extension.ExtendWith(NettyLeaks.class)
@Timeout(60)
class HandshakeContextTest {
    static final ScheduledExecutorService LATER = Executors.newSingleThreadScheduledExecutor();
    static final java.util.function.Supplier<WebSocketHandler> NOTHING = () -> new WebSocketHandler() { };
    static final SessionOptions OPTIONS = SessionOptions.DEFAULT.withHandshakeTimeout(java.time.Duration.ofMillis(500));

    @AfterAll
    static void stop() {
        LATER.shutdownNow();
    }

    /** Completes {@code decision} on another thread after {@code millis}. */
    static CompletableFuture<HandshakeDecision> later(long millis, HandshakeDecision decision) {
        CompletableFuture<HandshakeDecision> f = new CompletableFuture<>();
        LATER.schedule(() -> f.complete(decision), millis, TimeUnit.MILLISECONDS);
        return f;
    }

    static WebSocketServer server(CompletableFuture<HandshakeContext> seen) throws InterruptedException {
        WebSocketRoutes routes = new WebSocketRoutes()
                .addAsync("/later", h -> {
                    seen.complete(h);
                    return later(200, HandshakeDecision.accept());
                }, () -> new TestHandlers.Echo(new java.util.concurrent.LinkedBlockingQueue<>()))
                .addAsync("/denied", h -> later(50, HandshakeDecision.reject(401, "token expired at 09:00\n")), NOTHING)
                .addAsync("/never", h -> new CompletableFuture<>(), NOTHING)
                .addAsync("/broken", h -> CompletableFuture.failedFuture(new IllegalStateException("authorisation service down")),
                        NOTHING)
                .addAsync("/site", AcceptDecision.allowOrigins(List.of("https://app.example"), false,
                        h -> CompletableFuture.completedFuture(HandshakeDecision.accept())), NOTHING)
                .addAsync("/strict", AcceptDecision.allowOrigins(List.of("https://app.example"), true,
                        h -> CompletableFuture.completedFuture(HandshakeDecision.accept())), NOTHING);
        return Wire.server(OPTIONS, routes);
    }

    @ParameterizedTest
    @EnumSource(Wire.class)
    void aDecisionThatCompletesLaterSeesWhereTheRequestCameFrom(Wire wire) throws Exception {
        CompletableFuture<HandshakeContext> seen = new CompletableFuture<>();
        try (WebSocketServer server = server(seen); WebSocketClient client = wire.client(SessionOptions.DEFAULT)) {
            TestHandlers.Collector replies = new TestHandlers.Collector();
            WebSocketSession ws = wire.open(client, server, "/later?token=abc", replies);
            ws.sendText("decided later");
            assertEquals("decided later", replies.next());
            HandshakeContext h = seen.get();
            assertEquals("/later?token=abc", h.request().target());
            assertEquals(wire == Wire.H2, h.http2());
            InetSocketAddress remote = (InetSocketAddress) h.remoteAddress();
            assertTrue(remote.getAddress().isLoopbackAddress(), remote.toString());
            io.netty.channel.Channel channel = ((SessionApi) ws).channel();
            io.netty.channel.Channel connection = channel.parent() != null ? channel.parent() : channel;
            assertEquals(((InetSocketAddress) connection.localAddress()).getPort(), remote.getPort(), "the client's own port");
            assertNull(h.applicationProtocol(), "no TLS, no ALPN");
            assertTrue(h.peerCertificates().isEmpty());
        }
    }

    @ParameterizedTest
    @EnumSource(Wire.class)
    void rejectionsCarryTheirBodyAndFailuresAndSilenceHaveTheirOwnStatus(Wire wire) throws Exception {
        try (WebSocketServer server = server(new CompletableFuture<>()); WebSocketClient client = wire.client(SessionOptions.DEFAULT)) {
            assertRejected(client, server, "/denied", List.of(), 401, "token expired at 09:00\n");
            assertRejected(client, server, "/broken", List.of(), 500, "the server could not decide on this WebSocket request\n");
            assertRejected(client, server, "/never", List.of(), 503, "the server did not decide on this WebSocket request in time\n");
        }
    }

    @ParameterizedTest
    @EnumSource(Wire.class)
    void theOriginAllowListRejectsOtherSitesWith403(Wire wire) throws Exception {
        try (WebSocketServer server = server(new CompletableFuture<>()); WebSocketClient client = wire.client(SessionOptions.DEFAULT)) {
            URI site = URI.create("ws://127.0.0.1:" + server.plaintextPort() + "/site");
            client.connect(site, List.of(), List.of(new Header("Origin", "https://APP.example")), new WebSocketHandler() { })
                    .get(10, TimeUnit.SECONDS).close(1000, "");
            client.connect(site, new WebSocketHandler() { }).get(10, TimeUnit.SECONDS).close(1000, ""); // not a browser: no Origin
            assertRejected(client, server, "/site", List.of(new Header("Origin", "https://evil.example")), 403,
                    "origin https://evil.example is not allowed\n");
            assertRejected(client, server, "/strict", List.of(), 403, "an Origin header is required\n");
        }
    }

    static void assertRejected(WebSocketClient client, WebSocketServer server, String path, List<Header> headers, int status,
                               String body) throws Exception {
        URI uri = URI.create("ws://127.0.0.1:" + server.plaintextPort() + path);
        ExecutionException failed = org.junit.jupiter.api.Assertions.assertThrows(ExecutionException.class,
                () -> client.connect(uri, List.of(), headers, new WebSocketHandler() { }).get(10, TimeUnit.SECONDS));
        HandshakeRejectedException rejected = assertInstanceOf(HandshakeRejectedException.class, failed.getCause());
        assertEquals(status, rejected.status(), path);
        assertEquals(body, new String(rejected.body(), StandardCharsets.UTF_8), path);
    }

    /** Over TLS the decision sees the ALPN protocol and the client's certificate. */
    @Test
    void overTlsTheDecisionSeesTheClientCertificateAndAlpn() throws Exception {
        Tls.Identity serverId = TestTls.localhost();
        TestTls.Chain clientChain = TestTls.chain(); // client certificates issued by an authority the server trusts
        Tls.Identity clientId = clientChain.identity();
        CompletableFuture<HandshakeContext> seen = new CompletableFuture<>();
        WebSocketRoutes routes = new WebSocketRoutes().addAsync("/me", h -> {
            seen.complete(h);
            return CompletableFuture.completedFuture(HandshakeDecision.accept());
        }, NOTHING);
        try (WebSocketServer server = WebSocketServer.builder().routes(routes).threads(1)
                .tls(0, SslContextBuilder.forServer(serverId.key(), serverId.certificate())
                        .clientAuth(ClientAuth.REQUIRE).trustManager(clientChain.authority())
                        .applicationProtocolConfig(new ApplicationProtocolConfig(ApplicationProtocolConfig.Protocol.ALPN,
                                ApplicationProtocolConfig.SelectorFailureBehavior.NO_ADVERTISE,
                                ApplicationProtocolConfig.SelectedListenerFailureBehavior.ACCEPT, ApplicationProtocolNames.HTTP_1_1))
                        .build()).start();
             Socket raw = RawClient.connect(server.tlsPort())) {
            SSLSocket tls = (SSLSocket) TestTls.context(clientId, serverId.certificate()).getSocketFactory()
                    .createSocket(raw, "localhost", server.tlsPort(), true);
            var parameters = tls.getSSLParameters();
            parameters.setApplicationProtocols(new String[] {"http/1.1"});
            tls.setSSLParameters(parameters);
            tls.getOutputStream().write(RawClient.request("/me", null).getBytes(StandardCharsets.ISO_8859_1));
            assertTrue(RawClient.readHead(tls.getInputStream()).startsWith("HTTP/1.1 101"));
            HandshakeContext h = seen.get(10, TimeUnit.SECONDS);
            assertEquals("http/1.1", h.applicationProtocol());
            assertTrue(h.isSecure());
            assertEquals(clientId.certificate(), (X509Certificate) h.peerCertificates().get(0));
        }
    }
}
