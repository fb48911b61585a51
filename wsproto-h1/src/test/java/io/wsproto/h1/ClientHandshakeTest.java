package io.wsproto.h1;

import static io.wsproto.h1.ServerHandshakeTest.ascii;
import static io.wsproto.h1.ServerHandshakeTest.text;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.wsproto.ConnectionState;
import io.wsproto.ConnectionType;
import io.wsproto.Limits;
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
import java.io.ByteArrayOutputStream;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** RFC 6455 §4.1: the request a client writes, and its checks on the response. */
class ClientHandshakeTest {
    private final WSConnection client = new WSConnection(ConnectionType.CLIENT);
    private String key;

    private String sendRequest(Request r) {
        String request = text(client.send(r));
        int at = request.indexOf("Sec-WebSocket-Key: ") + 19;
        key = request.substring(at, request.indexOf("\r\n", at));
        return request;
    }

    private String ok(String... extraLines) {
        StringBuilder s = new StringBuilder("HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                + "Sec-WebSocket-Accept: " + AcceptKey.forKey(key) + "\r\n");
        for (String line : extraLines) {
            s.append(line).append("\r\n");
        }
        return s.append("\r\n").toString();
    }

    @Test
    void writesTheRequestWithAFreshKey() {
        String request = sendRequest(new Request("example.com:8080", "/chat", List.of("v2", "v1"), List.of(new PerMessageDeflate()),
                List.of(new Header("Origin", "http://example.com"))));
        assertTrue(request.startsWith("GET /chat HTTP/1.1\r\nHost: example.com:8080\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"), request);
        assertEquals(16, Base64.getDecoder().decode(key).length);
        assertTrue(request.contains("Sec-WebSocket-Version: 13\r\n"));
        assertTrue(request.contains("Sec-WebSocket-Protocol: v2, v1\r\n"));
        assertTrue(request.contains("Sec-WebSocket-Extensions: permessage-deflate\r\n"));
        assertTrue(request.endsWith("Origin: http://example.com\r\n\r\n"));
        String other = text(new WSConnection(ConnectionType.CLIENT).send(new Request("example.com", "/")));
        assertTrue(!other.contains(key), "every connection has its own key");
    }

    @Test
    void refusesARequestThatCannotBeWritten() {
        assertThrows(LocalProtocolError.class, () -> client.send(new Request("example.com", "no-slash")));
        assertThrows(LocalProtocolError.class, () -> client.send(new Request("example.com", "/",
                List.of(), List.of(), List.of(new Header("X", "a\r\nInjected: 1")))));
        assertThrows(LocalProtocolError.class, () -> client.send(new Request("example.com", "/",
                List.of("not a token"), List.of(), List.of())));
    }

    @Test
    void acceptsAValidResponseAndNegotiatesWhatItOffered() {
        PerMessageDeflate pmd = new PerMessageDeflate();
        sendRequest(new Request("h", "/", List.of("v2", "v1"), List.of(pmd), List.of()));
        client.receiveData(ascii(ok("Sec-WebSocket-Protocol: v1", "Sec-WebSocket-Extensions: permessage-deflate; server_no_context_takeover")));
        AcceptConnection accepted = (AcceptConnection) client.events().get(0);
        assertEquals("v1", accepted.subprotocol());
        assertEquals(List.of(pmd), accepted.extensions());
        assertTrue(pmd.inboundNoContextTakeover());
        assertEquals(ConnectionState.OPEN, client.state());
    }

    @Test
    void acceptsTokensCaseInsensitivelyInLists() {
        sendRequest(new Request("h", "/"));
        client.receiveData(ascii(ok().replace("Upgrade: websocket", "Upgrade: WebSocket").replace("Connection: Upgrade", "Connection: keep-alive, UPGRADE")));
        assertInstanceOf(AcceptConnection.class, client.events().get(0));
    }

    @Test
    void keepsFramesThatArriveWithTheResponse() {
        sendRequest(new Request("h", "/"));
        client.receiveData(ascii(ok() + "\u0081\u0002hi"));
        List<Event> events = client.events();
        assertInstanceOf(AcceptConnection.class, events.get(0));
        assertEquals(new TextMessage("hi"), events.get(1), "bytes behind the 101 are delivered, not lost");
    }

    @Test
    void handlesAResponseArrivingOneByteAtATime() {
        sendRequest(new Request("h", "/"));
        for (byte b : ascii(ok() + "\u0081\u0002hi")) {
            client.receiveData(new byte[] {b});
        }
        List<Event> events = client.events();
        assertInstanceOf(AcceptConnection.class, events.get(0));
        StringBuilder text = new StringBuilder();
        events.subList(1, events.size()).forEach(e -> text.append(((TextMessage) e).data()));
        assertEquals("hi", text.toString(), "the frame behind the 101 arrives in parts, whole");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "Upgrade: websocket    | Upgrade: h2c             | does not name websocket",
            "Connection: Upgrade   | Connection: close        | lacks upgrade",
            "Sec-WebSocket-Accept  | X-Accept                 | Sec-WebSocket-Accept is missing",
    })
    void failsOnAResponseThatBreaksTheRules(String find, String replace, String problem) {
        sendRequest(new Request("h", "/"));
        RemoteProtocolError e = assertThrows(RemoteProtocolError.class, () -> client.receiveData(ascii(ok().replace(find.strip(), replace.strip()))));
        assertTrue(e.getMessage().contains(problem), e.getMessage());
        assertEquals(ConnectionState.CLOSED, client.state());
        assertEquals(List.of(), e.response(), "a client has nothing to send but the close of the transport");
    }

    @Test
    void failsOnAWrongAcceptKey() {
        sendRequest(new Request("h", "/"));
        RemoteProtocolError e = assertThrows(RemoteProtocolError.class,
                () -> client.receiveData(ascii(ok().replace(AcceptKey.forKey(key), AcceptKey.forKey("x")))));
        assertTrue(e.getMessage().contains("expected"), e.getMessage());
    }

    @Test
    void failsOnASubprotocolNotOffered() {
        sendRequest(new Request("h", "/", List.of("a"), List.of(), List.of()));
        RemoteProtocolError e = assertThrows(RemoteProtocolError.class, () -> client.receiveData(ascii(ok("Sec-WebSocket-Protocol: b"))));
        assertTrue(e.getMessage().contains("not offered"));
    }

    @Test
    void failsOnAnExtensionNotOffered() {
        sendRequest(new Request("h", "/"));
        RemoteProtocolError e = assertThrows(RemoteProtocolError.class,
                () -> client.receiveData(ascii(ok("Sec-WebSocket-Extensions: permessage-deflate"))));
        assertTrue(e.getMessage().contains("did not offer"));
    }

    @Test
    void failsOnAMalformedStatusLine() {
        sendRequest(new Request("h", "/"));
        assertThrows(RemoteProtocolError.class, () -> client.receiveData(ascii("HTTP/2 101\r\n\r\n")));
    }

    @Test
    void refusesToReceiveBeforeTheRequest() {
        assertThrows(LocalProtocolError.class, () -> client.receiveData(ascii("HTTP/1.1 101 OK\r\n\r\n")));
    }

    private static byte[] body(List<Event> events) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (Event e : events) {
            if (e instanceof RejectData d) {
                out.writeBytes(d.data());
            }
        }
        return out.toByteArray();
    }

    @Test
    void rejectionWithContentLengthBody() {
        sendRequest(new Request("h", "/"));
        client.receiveData(ascii("HTTP/1.1 403 Forbidden\r\nContent-Length: 7\r\n\r\nno"));
        client.receiveData(ascii(" entry"));
        List<Event> events = client.events();
        RejectConnection reject = (RejectConnection) events.get(0);
        assertEquals(403, reject.statusCode());
        assertTrue(reject.hasBody());
        assertEquals("no entry".substring(0, 7), new String(body(events)));
        assertTrue(((RejectData) events.get(events.size() - 1)).bodyFinished());
        assertEquals(ConnectionState.CLOSED, client.state());
    }

    @Test
    void rejectionWithChunkedBodyOneByteAtATime() {
        sendRequest(new Request("h", "/"));
        for (byte b : ascii("HTTP/1.1 404 Not Found\r\nTransfer-Encoding: chunked\r\n\r\n3;ext=1\r\nnot\r\n6\r\n found\r\n0\r\nTrailer: x\r\n\r\n")) {
            client.receiveData(new byte[] {b});
        }
        List<Event> events = client.events();
        assertEquals(404, ((RejectConnection) events.get(0)).statusCode());
        assertEquals("not found", new String(body(events)));
        assertTrue(((RejectData) events.get(events.size() - 1)).bodyFinished());
        assertEquals(ConnectionState.CLOSED, client.state());
    }

    @Test
    void rejectionBodyReadUntilTheConnectionEnds() {
        sendRequest(new Request("h", "/"));
        client.receiveData(ascii("HTTP/1.1 500 Oops\r\n\r\npartial"));
        assertEquals(ConnectionState.REJECTING, client.state());
        client.receiveEof();
        List<Event> events = client.events();
        assertEquals("partial", new String(body(events)));
        assertTrue(((RejectData) events.get(events.size() - 1)).bodyFinished());
        assertEquals(ConnectionState.CLOSED, client.state());
    }

    @Test
    void truncatedRejectionBodyIsAnError() {
        sendRequest(new Request("h", "/"));
        client.receiveData(ascii("HTTP/1.1 403 Forbidden\r\nContent-Length: 70\r\n\r\nshort"));
        assertThrows(RemoteProtocolError.class, client::receiveEof);
    }

    @Test
    void rejectionWithoutBody() {
        sendRequest(new Request("h", "/"));
        client.receiveData(ascii("HTTP/1.1 204 No Content\r\n\r\n"));
        assertEquals(List.of(new RejectConnection(204, List.of(), false)), client.events());
        assertEquals(ConnectionState.CLOSED, client.state());
    }

    @Test
    void skipsInterimResponses() {
        sendRequest(new Request("h", "/"));
        client.receiveData(ascii("HTTP/1.1 100 Continue\r\n\r\n" + ok()));
        assertInstanceOf(AcceptConnection.class, client.events().get(0));
    }

    @Test
    void boundsBytesThatArriveBeforeTheServerAccepts() {
        WSConnection server = new WSConnection(ConnectionType.SERVER, new Limits(1000, 1000, 1000));
        server.receiveData(ascii(ServerHandshakeTest.request()));
        server.receiveData(new byte[1000]);
        assertThrows(RemoteProtocolError.class, () -> server.receiveData(new byte[1]));
    }
}
