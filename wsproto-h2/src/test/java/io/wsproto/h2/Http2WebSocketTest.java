package io.wsproto.h2;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.handler.ssl.ApplicationProtocolNames;
import io.netty.handler.ssl.SslContext;
import io.wsproto.events.AcceptConnection;
import io.wsproto.events.BytesMessage;
import io.wsproto.events.Ping;
import io.wsproto.events.Pong;
import io.wsproto.events.RejectConnection;
import io.wsproto.events.Request;
import io.wsproto.events.TextMessage;
import io.wsproto.extensions.Extension;
import io.wsproto.extensions.PerMessageDeflate;
import io.wsproto.h1.BlockingWebSocket;
import io.wsproto.h1.HandshakeRejectedException;
import io.wsproto.h1.WebSocketOptions;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Our HTTP/2 client against our server over real loopback connections, h2c and TLS. */
@org.junit.jupiter.api.extension.ExtendWith(NettyLeaks.class)
@Timeout(60)
class Http2WebSocketTest {
    static final BlockingQueue<TestHandlers.Closed> SERVER_CLOSES = new LinkedBlockingQueue<>();
    static final Tls.Identity IDENTITY = TestTls.localhost();
    static WebSocketServer jdkServer;
    static WebSocketServer bcServer;

    static WebSocketRoutes routes() {
        return new WebSocketRoutes()
                .add("/echo", request -> new AcceptConnection(null, List.of(new PerMessageDeflate()), List.of()),
                        () -> new TestHandlers.Echo(SERVER_CLOSES))
                .add("/forbidden", request -> new RejectConnection(403), () -> new TestHandlers.Echo(SERVER_CLOSES));
    }

    @BeforeAll
    static void start() throws Exception {
        jdkServer = WebSocketServer.builder().routes(routes()).plaintext("127.0.0.1", 0)
                .tls(0, Tls.server(IDENTITY, Tls.Provider.JDK)).threads(2).start();
        bcServer = WebSocketServer.builder().routes(routes()).plaintext("127.0.0.1", 0)
                .tls(0, Tls.server(IDENTITY, Tls.Provider.BOUNCY_CASTLE)).threads(2).start();
    }

    @AfterAll
    static void stop() {
        jdkServer.close();
        bcServer.close();
    }

    static Http2WebSocketClient connect(String transport) throws Exception {
        return switch (transport) {
            case "h2c" -> Http2WebSocketClient.connect("127.0.0.1", jdkServer.plaintextPort(), null).get(10, TimeUnit.SECONDS);
            case "tls-jdk" -> Http2WebSocketClient.connect("127.0.0.1", jdkServer.tlsPort(),
                    Tls.client(Tls.Provider.JDK, IDENTITY.certificate(), ApplicationProtocolNames.HTTP_2)).get(10, TimeUnit.SECONDS);
            case "tls-bc" -> Http2WebSocketClient.connect("127.0.0.1", bcServer.tlsPort(),
                    Tls.client(Tls.Provider.BOUNCY_CASTLE, IDENTITY.certificate(), ApplicationProtocolNames.HTTP_2)).get(10, TimeUnit.SECONDS);
            default -> throw new IllegalArgumentException(transport);
        };
    }

    static Request echoRequest(boolean deflate) {
        List<Extension> offered = deflate ? List.of(new PerMessageDeflate()) : List.of();
        return new Request("localhost", "/echo", List.of(), offered, List.of());
    }

    @ParameterizedTest(name = "{0}, deflate={1}")
    @CsvSource({"h2c, false", "h2c, true", "tls-jdk, false", "tls-jdk, true", "tls-bc, false", "tls-bc, true"})
    void echoPlanAndOrderlyCloseOverHttp2(String transport, boolean deflate) throws Exception {
        SERVER_CLOSES.clear();
        try (Http2WebSocketClient h2 = connect(transport)) {
            assertTrue(h2.connectProtocolEnabled());
            TestHandlers.Collector client = new TestHandlers.Collector();
            WebSocketSession ws = h2.open(echoRequest(deflate), client).get(10, TimeUnit.SECONDS);
            assertTrue(ws.isHttp2());
            assertEquals(deflate, !ws.extensions().isEmpty(), "deflate negotiated exactly when offered");
            Random random = new Random(1);
            for (int size : new int[] {0, 1, 125, 126, 65535, 65536, 1 << 20}) {
                byte[] payload = new byte[size];
                random.nextBytes(payload);
                ws.sendBinary(payload);
                assertArrayEquals(payload, assertInstanceOf(byte[].class, client.next()), "binary of " + size);
                String text = "€".repeat(size / 3);
                ws.sendText(text);
                assertEquals(text, client.next(), "text of " + size);
            }
            ws.send(new TextMessage("frag", true, false));
            ws.send(new TextMessage("ment"));
            assertEquals("fragment", client.next());
            ws.send(new BytesMessage(new byte[] {1}, true, false));
            ws.send(new BytesMessage(new byte[] {2}));
            assertArrayEquals(new byte[] {1, 2}, (byte[]) client.next());
            ws.send(new Ping("p".getBytes()));
            assertEquals(new Pong("p".getBytes()), client.next());
            ws.close(1000, "bye");
            assertEquals(1000, client.closed.get(10, TimeUnit.SECONDS));
            TestHandlers.Closed atServer = SERVER_CLOSES.poll(10, TimeUnit.SECONDS);
            assertEquals(1000, atServer.code());
            assertTrue(atServer.http2(), "the server saw an HTTP/2 stream");
            assertEquals(deflate, atServer.deflate());
        }
    }

    @Test
    void hundredConcurrentWebSocketsOnOneConnection() throws Exception {
        try (Http2WebSocketClient h2 = connect("h2c")) {
            List<TestHandlers.Collector> collectors = new ArrayList<>();
            List<WebSocketSession> sessions = new ArrayList<>();
            for (int i = 0; i < 100; i++) {
                TestHandlers.Collector c = new TestHandlers.Collector();
                collectors.add(c);
                sessions.add(h2.open(echoRequest(i % 2 == 0), c).get(10, TimeUnit.SECONDS));
            }
            for (int m = 0; m < 100; m++) {
                for (int i = 0; i < 100; i++) {
                    sessions.get(i).sendText("stream " + i + " message " + m);
                }
            }
            for (int i = 0; i < 100; i++) {
                for (int m = 0; m < 100; m++) {
                    assertEquals("stream " + i + " message " + m, collectors.get(i).next());
                }
            }
            for (WebSocketSession s : sessions) {
                s.close(1000, "");
            }
            for (TestHandlers.Collector c : collectors) {
                assertEquals(1000, c.closed.get(10, TimeUnit.SECONDS));
            }
        }
    }

    @Test
    void unknownPathIs404AndRejectionKeepsItsStatus() throws Exception {
        try (Http2WebSocketClient h2 = connect("h2c")) {
            ExecutionException missing = org.junit.jupiter.api.Assertions.assertThrows(ExecutionException.class,
                    () -> h2.open(new Request("localhost", "/nowhere"), new TestHandlers.Collector()).get(10, TimeUnit.SECONDS));
            assertEquals(404, assertInstanceOf(HandshakeRejectedException.class, missing.getCause()).status());
            ExecutionException forbidden = org.junit.jupiter.api.Assertions.assertThrows(ExecutionException.class,
                    () -> h2.open(new Request("localhost", "/forbidden"), new TestHandlers.Collector()).get(10, TimeUnit.SECONDS));
            assertEquals(403, assertInstanceOf(HandshakeRejectedException.class, forbidden.getCause()).status());
            // The connection survives rejected streams.
            WebSocketSession ws = h2.open(echoRequest(false), new TestHandlers.Collector()).get(10, TimeUnit.SECONDS);
            assertTrue(ws.isHttp2());
        }
    }

    @Test
    void http11OnTheTlsPortFallsBackToTheUpgrade() throws Exception {
        SERVER_CLOSES.clear();
        URI uri = URI.create("wss://localhost:" + jdkServer.tlsPort() + "/echo");
        try (BlockingWebSocket ws = BlockingWebSocket.connect(uri, new WebSocketOptions().deflate(true).insecureSkipCertificateVerification())) {
            ws.send(new TextMessage("over http/1.1"));
            assertEquals(new TextMessage("over http/1.1"), ws.receive());
            assertEquals(1000, ws.close(1000, "").code());
        }
        TestHandlers.Closed atServer = SERVER_CLOSES.poll(10, TimeUnit.SECONDS);
        assertFalse(atServer.http2());
        assertTrue(atServer.deflate());
    }

    @Test
    void http11OnThePlaintextPortIsTheClassicUpgrade() throws Exception {
        URI uri = URI.create("ws://127.0.0.1:" + jdkServer.plaintextPort() + "/echo");
        try (BlockingWebSocket ws = BlockingWebSocket.connect(uri, new WebSocketOptions())) {
            ws.send(new BytesMessage(new byte[] {7}));
            assertArrayEquals(new byte[] {7}, ((BytesMessage) ws.receive()).data());
        }
    }

    @Test
    void serverSeesAResetStreamAs1006AndOtherStreamsCarryOn() throws Exception {
        SERVER_CLOSES.clear();
        try (Http2WebSocketClient h2 = connect("h2c")) {
            TestHandlers.Collector survivor = new TestHandlers.Collector();
            WebSocketSession keep = h2.open(echoRequest(false), survivor).get(10, TimeUnit.SECONDS);
            CompletableFuture<WebSocketSession> doomed = h2.open(echoRequest(false), new TestHandlers.Collector());
            NettySession reset = (NettySession) doomed.get(10, TimeUnit.SECONDS);
            reset.channel().writeAndFlush(new io.netty.handler.codec.http2.DefaultHttp2ResetFrame(
                    io.netty.handler.codec.http2.Http2Error.CANCEL)); // as a peer that gives up would
            assertEquals(1006, SERVER_CLOSES.poll(10, TimeUnit.SECONDS).code());
            keep.sendText("still here");
            assertEquals("still here", survivor.next());
        }
    }
}
