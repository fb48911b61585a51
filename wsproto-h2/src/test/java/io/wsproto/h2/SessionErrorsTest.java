package io.wsproto.h2;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.channel.Channel;
import io.netty.channel.ChannelOption;
import io.wsproto.events.AcceptConnection;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * {@link WebSocketHandler#onError}: a failure that is not a protocol close (a callback that throws, an I/O
 * error, a TLS failure) reaches the application, and {@code onClose} follows it.
 */
@org.junit.jupiter.api.extension.ExtendWith(NettyLeaks.class)
@Timeout(60)
class SessionErrorsTest {
    /** Records "error: <exception class>" and "close: <code>" in order; throws on the text "throw". */
    static class Recorder implements WebSocketHandler {
        final BlockingQueue<String> seen = new LinkedBlockingQueue<>();

        @Override
        public void onText(WebSocketSession session, String text) {
            if (text.equals("throw")) {
                throw new IllegalStateException("the handler's own bug");
            }
            session.sendText(text);
        }

        @Override
        public void onError(WebSocketSession session, Throwable failure) {
            seen.add("error: " + failure.getClass().getSimpleName() + ": " + failure.getMessage());
        }

        @Override
        public void onClose(WebSocketSession session, int code, String reason) {
            seen.add("close: " + code);
        }

        String next() throws InterruptedException {
            String s = seen.poll(10, TimeUnit.SECONDS);
            if (s == null) {
                throw new AssertionError("no callback within 10 s");
            }
            return s;
        }
    }

    @ParameterizedTest
    @EnumSource(Wire.class)
    void aHandlerThatThrowsIsReportedThenClosedWith1011(Wire wire) throws Exception {
        Recorder server = new Recorder();
        try (WebSocketServer s = Wire.server(SessionOptions.DEFAULT, "/r", () -> server);
             WebSocketClient client = wire.client(SessionOptions.DEFAULT)) {
            TestHandlers.Collector peer = new TestHandlers.Collector();
            wire.open(client, s, "/r", peer).sendText("throw");
            assertEquals("error: IllegalStateException: the handler's own bug", server.next());
            assertEquals("close: 1011", server.next());
            assertEquals(1011, peer.closed.get(10, TimeUnit.SECONDS));
        }
    }

    /** The client's connection is reset (RST): the server's session hears of the I/O error, then closes with 1006. */
    @ParameterizedTest
    @EnumSource(Wire.class)
    void aResetConnectionIsReportedThenClosedWith1006(Wire wire) throws Exception {
        Recorder server = new Recorder();
        try (WebSocketServer s = Wire.server(SessionOptions.DEFAULT, "/r", () -> server);
             WebSocketClient client = wire.client(SessionOptions.DEFAULT)) {
            TestHandlers.Collector peer = new TestHandlers.Collector();
            WebSocketSession ws = wire.open(client, s, "/r", peer);
            ws.sendText("hello");
            assertEquals("hello", peer.next());
            Channel channel = ((SessionApi) ws).channel();
            Channel connection = channel.parent() != null ? channel.parent() : channel;
            connection.config().setOption(ChannelOption.SO_LINGER, 0);
            connection.close(); // with linger 0: a TCP reset
            String error = server.next();
            assertTrue(error.startsWith("error: ") && error.toLowerCase().contains("reset"), error);
            assertEquals("close: 1006", server.next());
            assertEquals(1006, peer.closed.get(10, TimeUnit.SECONDS), "the client's own session ends too");
        }
    }

    /**
     * A stream that is not being read (paused here; no demand, or an executor behind, alike) still ends with
     * its connection: Netty would keep its queued frames until read, so the session would never hear.
     */
    @Test
    void aPausedStreamEndsWith1006WhenItsConnectionIsLost() throws Exception {
        Recorder server = new Recorder() {
            @Override
            public void onOpen(WebSocketSession session) {
                session.pauseReading();
            }
        };
        try (WebSocketServer s = Wire.server(SessionOptions.DEFAULT, "/r", () -> server);
             WebSocketClient client = Wire.H2.client(SessionOptions.DEFAULT)) {
            WebSocketSession ws = Wire.H2.open(client, s, "/r", new TestHandlers.Collector());
            ws.sendText("queued at the server, never read").get(10, TimeUnit.SECONDS);
            Thread.sleep(100);
            ((SessionApi) ws).channel().parent().close();
            assertEquals("close: 1006", server.next());
        }
    }

    /** Bytes that are not TLS records after the handshake: the server's TLS layer fails, and the session is told. */
    @Test
    void aTlsFailureIsReportedThenClosedWith1006() throws Exception {
        Recorder server = new Recorder();
        Tls.Identity identity = TestTls.localhost();
        try (WebSocketServer s = WebSocketServer.builder()
                .routes(new WebSocketRoutes().add("/r", r -> new AcceptConnection(), () -> server))
                .tls(0, Tls.server(identity, Tls.Provider.JDK)).threads(1).start();
             Socket raw = RawClient.connect(s.tlsPort())) {
            SSLContext tls = TestTls.context(null, identity.certificate());
            SSLSocket secure = (SSLSocket) tls.getSocketFactory().createSocket(raw, "localhost", s.tlsPort(), false);
            var parameters = secure.getSSLParameters();
            parameters.setApplicationProtocols(new String[] {"http/1.1"});
            secure.setSSLParameters(parameters);
            secure.getOutputStream().write(RawClient.request("/r", null).getBytes(StandardCharsets.ISO_8859_1));
            String head = RawClient.readHead(secure.getInputStream());
            assertTrue(head.startsWith("HTTP/1.1 101"), head);
            raw.getOutputStream().write(new byte[] {23, 3, 3, 0, 32, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16,
                    17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31, 32}); // an application-data record that fails its MAC
            String error = server.next();
            assertTrue(error.contains("SSL") || error.contains("Decoder"), error);
            assertEquals("close: 1006", server.next());
        }
    }
}
