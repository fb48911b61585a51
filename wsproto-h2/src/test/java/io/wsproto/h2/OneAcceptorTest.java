package io.wsproto.h2;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.wsproto.events.AcceptConnection;
import io.wsproto.events.Header;
import io.wsproto.events.RejectConnection;
import io.wsproto.h1.HandshakeLimits;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * One acceptor, two front ends: the route, the application's decision, 404, 500 and the answer to ordinary
 * requests come out the same over an HTTP/1.1 upgrade and over an HTTP/2 extended CONNECT.
 */
@org.junit.jupiter.api.extension.ExtendWith(NettyLeaks.class)
@Timeout(60)
class OneAcceptorTest {
    static WebSocketServer server;

    @BeforeAll
    static void start() throws Exception {
        server = WebSocketServer.builder()
                .routes(new WebSocketRoutes()
                        .add("/echo", r -> new AcceptConnection(), () -> new TestHandlers.Echo(new java.util.concurrent.LinkedBlockingQueue<>()))
                        .add("/refused", r -> new RejectConnection(403), () -> new TestHandlers.Echo(new java.util.concurrent.LinkedBlockingQueue<>()))
                        .add("/broken", r -> {
                            throw new IllegalStateException("the application's decision failed");
                        }, () -> new TestHandlers.Echo(new java.util.concurrent.LinkedBlockingQueue<>()))
                        .add("/unoffered", r -> new AcceptConnection("never-offered", List.of(), List.of()), () -> new TestHandlers.Echo(new java.util.concurrent.LinkedBlockingQueue<>())))
                .httpResponder((method, target, headers) -> {
                    if (target.equals("/fail")) {
                        throw new IllegalStateException("the responder failed");
                    }
                    return new HttpResponder.Response(200, "text/plain", (method + " " + target).getBytes(StandardCharsets.UTF_8));
                })
                .options(SessionOptions.DEFAULT.withHandshakeLimits(new HandshakeLimits(1024, 20)))
                .plaintext("127.0.0.1", 0).threads(1).start();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    /** What came back: the status, and the body (empty when none). */
    record Reply(int status, String body) {
    }

    static Stream<Arguments> answers() {
        return Stream.of(
                Arguments.of("websocket", "/echo", 0, ""),
                Arguments.of("websocket", "/nowhere", 404, "no WebSocket at /nowhere"),
                Arguments.of("websocket", "/refused", 403, ""),
                Arguments.of("websocket", "/broken", 500, "the server could not decide"),
                Arguments.of("websocket", "/unoffered", 500, "the server could not decide"),
                Arguments.of("ordinary", "/page", 200, "GET /page"),
                Arguments.of("ordinary", "/fail", 500, "the server failed to answer"));
    }

    @ParameterizedTest(name = "{0} {1} over HTTP/1.1")
    @MethodSource("answers")
    void http1(String kind, String path, int status, String body) throws Exception {
        Reply reply = overHttp1(kind, path);
        assertEquals(status == 0 ? 101 : status, reply.status());
        assertTrue(reply.body().startsWith(body), "body: " + reply.body());
    }

    @ParameterizedTest(name = "{0} {1} over HTTP/2")
    @MethodSource("answers")
    void http2(String kind, String path, int status, String body) throws Exception {
        Reply reply = overHttp2(kind, path);
        assertEquals(status == 0 ? 200 : status, reply.status());
        assertTrue(reply.body().startsWith(body), "body: " + reply.body());
    }

    @Test
    void theHttp1HeadLimitsAreTheServersOptions() throws Exception {
        try (Socket s = RawClient.connect(server.plaintextPort())) {
            String big = "GET /echo HTTP/1.1\r\nHost: a\r\nX-Padding: " + "p".repeat(2000) + "\r\n\r\n";
            s.getOutputStream().write(big.getBytes(StandardCharsets.ISO_8859_1));
            assertTrue(readAll(s.getInputStream()).startsWith("HTTP/1.1 431"), "a head over the configured 1 KiB is answered 431");
        }
    }

    private static Reply overHttp1(String kind, String path) throws Exception {
        try (Socket s = RawClient.connect(server.plaintextPort())) {
            String request = kind.equals("websocket") ? RawClient.request(path, null) : "GET " + path + " HTTP/1.1\r\nHost: a\r\n\r\n";
            s.getOutputStream().write(request.getBytes(StandardCharsets.ISO_8859_1));
            String head = RawClient.readHead(s.getInputStream());
            int status = Integer.parseInt(head.substring(9, 12));
            if (status == 101) {
                return new Reply(status, "");
            }
            String body = readAll(s.getInputStream());
            if (head.toLowerCase(java.util.Locale.ROOT).contains("transfer-encoding: chunked")) {
                body = body.isEmpty() ? "" : body.substring(body.indexOf("\r\n") + 2);
            }
            return new Reply(status, body);
        }
    }

    private static Reply overHttp2(String kind, String path) throws Exception {
        try (Http2WebSocketClient h2 = Http2WebSocketClient.connect("127.0.0.1", server.plaintextPort(), null).get(10, TimeUnit.SECONDS)) {
            RawStream stream = new RawStream(h2.channel());
            List<Header> headers = kind.equals("websocket")
                    ? List.of(new Header(":method", "CONNECT"), new Header(":protocol", "websocket"), new Header(":scheme", "http"),
                            new Header(":path", path), new Header(":authority", "localhost"), new Header("sec-websocket-version", "13"))
                    : List.of(new Header(":method", "GET"), new Header(":scheme", "http"), new Header(":path", path),
                            new Header(":authority", "localhost"));
            stream.headers(headers, kind.equals("ordinary"));
            RawStream.Received response = stream.next();
            int status = Integer.parseInt(ExtendedConnect.value(response.headers(), ":status"));
            String body = response.endStream() || status == 200 && kind.equals("websocket") ? ""
                    : new String(stream.next().data(), StandardCharsets.UTF_8);
            return new Reply(status, body);
        }
    }

    private static String readAll(InputStream in) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        in.transferTo(out);
        return out.toString(StandardCharsets.UTF_8);
    }
}
