package io.wsproto.h1;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.wsproto.ConnectionState;
import io.wsproto.ConnectionType;
import io.wsproto.LocalProtocolError;
import io.wsproto.RemoteProtocolError;
import io.wsproto.events.AcceptConnection;
import io.wsproto.events.Event;
import io.wsproto.events.Header;
import io.wsproto.events.RejectConnection;
import io.wsproto.events.RejectData;
import io.wsproto.events.Request;
import io.wsproto.events.TextMessage;
import io.wsproto.extensions.PerMessageDeflate;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** RFC 6455 §4.2: what a server checks in a request, and what it answers. */
class ServerHandshakeTest {
    static final String KEY = "dGhlIHNhbXBsZSBub25jZQ==";

    static String request(String... extraLines) {
        StringBuilder s = new StringBuilder("GET /chat?x=1 HTTP/1.1\r\nHost: server.example.com\r\nUpgrade: websocket\r\n"
                + "Connection: Upgrade\r\nSec-WebSocket-Key: " + KEY + "\r\nSec-WebSocket-Version: 13\r\n");
        for (String line : extraLines) {
            s.append(line).append("\r\n");
        }
        return s.append("\r\n").toString();
    }

    static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    static String text(ByteBuffer b) {
        return StandardCharsets.ISO_8859_1.decode(b).toString();
    }

    private final WSConnection server = new WSConnection(ConnectionType.SERVER);

    @Test
    void anOrdinaryRequestIsA400ThatNamesTheRequestForAServerThatAlsoServesHttp() {
        RemoteProtocolError e = assertThrows(RemoteProtocolError.class,
                () -> server.receiveData(ascii("GET /index.html?x=1 HTTP/1.1\r\nHost: a\r\nAccept: text/html\r\n\r\n")));
        assertEquals(400, ((RejectConnection) e.eventHint()).statusCode());
        OrdinaryRequest ordinary = server.ordinaryRequest();
        assertEquals("GET", ordinary.method());
        assertEquals("/index.html?x=1", ordinary.target());
        assertEquals(List.of(new Header("Host", "a"), new Header("Accept", "text/html")), ordinary.headers());
        String head = text(server.send(new RejectConnection(200, List.of(new Header("Content-Length", "2")), true)));
        assertTrue(head.startsWith("HTTP/1.1 200 OK\r\n"), head);
        assertEquals("hi", text(server.send(new RejectData("hi".getBytes(StandardCharsets.US_ASCII), true))));
    }

    @Test
    void aBrokenUpgradeIsNotAnOrdinaryRequest() {
        assertThrows(RemoteProtocolError.class, () -> server.receiveData(ascii(request().replace("Host: server.example.com\r\n", ""))));
        assertEquals(null, server.ordinaryRequest(), "it asked for a WebSocket: the 400 is its answer");
    }

    @Test
    void turnsAValidRequestIntoARequestEvent() {
        server.receiveData(ascii(request("Sec-WebSocket-Protocol: chat.v2, chat.v1", "Origin: http://example.com",
                "Sec-WebSocket-Extensions: permessage-deflate; client_max_window_bits")));
        Request r = (Request) server.events().get(0);
        assertEquals("server.example.com", r.host());
        assertEquals("/chat?x=1", r.target());
        assertEquals(List.of("chat.v2", "chat.v1"), r.subprotocols());
        assertEquals("permessage-deflate", r.offeredExtensions().get(0).name());
        assertEquals("http://example.com", r.header("origin"));
        assertEquals(ConnectionState.CONNECTING, server.state());
    }

    @Test
    void acceptsWithTheAcceptKeySubprotocolAndExtensions() {
        server.receiveData(ascii(request("Sec-WebSocket-Protocol: chat.v2, chat.v1", "Sec-WebSocket-Extensions: permessage-deflate")));
        server.events();
        PerMessageDeflate pmd = new PerMessageDeflate();
        String response = text(server.send(new AcceptConnection("chat.v1", List.of(pmd), List.of(new Header("X-Server", "ours")))));
        assertTrue(response.startsWith("HTTP/1.1 101 Switching Protocols\r\n"), response);
        assertTrue(response.contains("\r\nSec-WebSocket-Accept: s3pPLMBiTxaQ9kYGzzhZRbK+xOo=\r\n"), response);
        assertTrue(response.contains("\r\nUpgrade: websocket\r\n") && response.contains("\r\nConnection: Upgrade\r\n"), response);
        assertTrue(response.contains("\r\nSec-WebSocket-Protocol: chat.v1\r\n"), response);
        assertTrue(response.contains("\r\nSec-WebSocket-Extensions: permessage-deflate\r\n"), response);
        assertTrue(response.endsWith("\r\nX-Server: ours\r\n\r\n"), response);
        assertEquals(ConnectionState.OPEN, server.state());
        assertEquals(List.of(pmd), server.connection().extensions());
    }

    @Test
    void refusesASubprotocolThatWasNotOffered() {
        server.receiveData(ascii(request("Sec-WebSocket-Protocol: a")));
        server.events();
        assertThrows(LocalProtocolError.class, () -> server.send(new AcceptConnection("b", List.of(), List.of())));
        assertEquals(ConnectionState.CONNECTING, server.state(), "nothing changed");
    }

    @Test
    void refusesExtraHeadersThatTheHandshakeOwns() {
        server.receiveData(ascii(request()));
        assertThrows(LocalProtocolError.class,
                () -> server.send(new AcceptConnection(null, List.of(), List.of(new Header("Sec-WebSocket-Accept", "x")))));
    }

    @Test
    void keepsFramesThatArriveWithTheRequest() {
        byte[] frame = {(byte) 0x81, (byte) 0x82, 1, 2, 3, 4, 'h' ^ 1, 'i' ^ 2};
        ByteBuffer both = ByteBuffer.allocate(200).put(ascii(request())).put(frame).flip();
        server.receiveData(both);
        assertInstanceOf(Request.class, server.events().get(0));
        server.send(new AcceptConnection());
        assertEquals(List.of(new TextMessage("hi")), server.events(), "pipelined bytes are delivered, not lost");
    }

    @Test
    void handlesARequestArrivingOneByteAtATime() {
        byte[] all = ascii(request());
        for (byte b : all) {
            server.receiveData(new byte[] {b});
        }
        assertInstanceOf(Request.class, server.events().get(0));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "POST /chat HTTP/1.1                   | 400 | method POST",
            "GET /chat HTTP/1.0                    | 400 | HTTP/1.1 is required",
            "GET  /chat HTTP/1.1                   | 400 | malformed request line",
    })
    void rejectsABadRequestLine(String line, int status, String problem) {
        RemoteProtocolError e = assertThrows(RemoteProtocolError.class,
                () -> server.receiveData(ascii(request().replaceFirst("GET /chat\\?x=1 HTTP/1.1", line.strip()))));
        assertRejection(e, status, problem);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "Host: server.example.com          | X-None: 1              | 400 | missing Host",
            "Host: server.example.com          | Host: a\\r\\nHost: b   | 400 | Host appears 2 times",
            "Upgrade: websocket                | Upgrade: h2c           | 400 | Upgrade header must contain websocket",
            "Connection: Upgrade               | Connection: keep-alive | 400 | Connection header must contain upgrade",
            "Sec-WebSocket-Version: 13         | Sec-WebSocket-Version: 8 | 426 | 8 is not supported",
            "Sec-WebSocket-Version: 13         | X-None: 1              | 426 | is missing",
            "Sec-WebSocket-Key: " + "dGhlIHNhbXBsZSBub25jZQ== | Sec-WebSocket-Key: c2hvcnQ= | 400 | base64 of 16 bytes",
            "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ== | X-None: 1     | 400 | base64 of 16 bytes",
            "Connection: Upgrade               | Connection: Upgrade\\r\\nContent-Length: 5 | 400 | has no body",
            "Connection: Upgrade               | Connection: Upgrade\\r\\nSec-WebSocket-Extensions: permessage-deflate; = | 400 | Sec-WebSocket-Extensions",
    })
    void rejectsABadRequestSayingWhy(String line, String replacement, int status, String problem) {
        String bad = request().replace(line.strip() + "\r\n", replacement.strip().replace("\\r\\n", "\r\n") + "\r\n");
        RemoteProtocolError e = assertThrows(RemoteProtocolError.class, () -> server.receiveData(ascii(bad)));
        assertRejection(e, status, problem);
    }

    private void assertRejection(RemoteProtocolError e, int status, String problem) {
        assertTrue(e.getMessage().contains(problem), e.getMessage());
        RejectConnection reject = (RejectConnection) e.response().get(0);
        assertEquals(status, reject.statusCode());
        assertTrue(reject.hasBody());
        RejectData body = (RejectData) e.response().get(1);
        assertTrue(new String(body.data(), StandardCharsets.UTF_8).contains(problem));
        if (status == 426) {
            assertTrue(reject.headers().contains(new Header("Sec-WebSocket-Version", "13")));
        }
        String head = text(server.send(reject));
        assertTrue(head.startsWith("HTTP/1.1 " + status + " "), head);
        assertEquals(new String(body.data(), StandardCharsets.UTF_8), text(server.send(body)));
        assertEquals(ConnectionState.CLOSED, server.state());
    }

    @Test
    void rejectsAnOversizeHeadWith431() {
        RemoteProtocolError e = assertThrows(RemoteProtocolError.class,
                () -> server.receiveData(ascii("GET / HTTP/1.1\r\nX: " + "a".repeat(10_000))));
        assertEquals(431, ((RejectConnection) e.eventHint()).statusCode());
    }

    @Test
    void applicationRejectionWithChunkedBody() {
        server.receiveData(ascii(request()));
        server.events();
        String head = text(server.send(new RejectConnection(403, List.of(new Header("Content-Type", "text/plain")), true)));
        assertTrue(head.startsWith("HTTP/1.1 403 Forbidden\r\n"), head);
        assertTrue(head.contains("Transfer-Encoding: chunked"), head);
        assertEquals(ConnectionState.REJECTING, server.state());
        assertEquals("5\r\nnope!\r\n", text(server.send(new RejectData("nope!".getBytes(), false))));
        assertEquals("0\r\n\r\n", text(server.send(new RejectData(new byte[0], true))));
        assertEquals(ConnectionState.CLOSED, server.state());
    }

    @Test
    void applicationRejectionChecksItsContentLength() {
        server.receiveData(ascii(request()));
        server.send(new RejectConnection(404, List.of(new Header("Content-Length", "3")), true));
        assertThrows(LocalProtocolError.class, () -> server.send(new RejectData("toolong".getBytes(), true)));
        assertEquals("abc", text(server.send(new RejectData("abc".getBytes(), true))));
    }

    @Test
    void rejectionWithoutBodySaysContentLengthZero() {
        server.receiveData(ascii(request()));
        String head = text(server.send(new RejectConnection(404)));
        assertTrue(head.contains("Content-Length: 0\r\n"), head);
        assertEquals(ConnectionState.CLOSED, server.state());
    }

    @Test
    void transportEndDuringHandshakeIs1006() {
        server.receiveData(ascii("GET / HTTP/1.1\r\n"));
        server.receiveEof();
        List<Event> events = server.events();
        assertEquals(1006, ((io.wsproto.events.CloseConnection) events.get(0)).code());
        assertEquals(ConnectionState.CLOSED, server.state());
    }
}
