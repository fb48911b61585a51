package io.wsproto.h2;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.wsproto.LocalProtocolError;
import io.wsproto.RemoteProtocolError;
import io.wsproto.events.AcceptConnection;
import io.wsproto.events.Header;
import io.wsproto.events.RejectConnection;
import io.wsproto.events.RejectData;
import io.wsproto.events.Request;
import io.wsproto.extensions.PerMessageDeflate;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** RFC 8441 §4-§5: the extended CONNECT request and its response, as header lists. */
class ExtendedConnectTest {
    static List<Header> validRequest() {
        return new ArrayList<>(List.of(new Header(":method", "CONNECT"), new Header(":protocol", "websocket"),
                new Header(":scheme", "https"), new Header(":path", "/chat?room=1"), new Header(":authority", "example.com"),
                new Header("sec-websocket-version", "13"), new Header("sec-websocket-protocol", "chat, superchat"),
                new Header("sec-websocket-extensions", "permessage-deflate"), new Header("origin", "https://example.com")));
    }

    @Test
    void clientRequestHasTheExtendedConnectFieldsAndNoH1Fields() {
        List<Header> headers = ExtendedConnect.requestHeaders(new Request("example.com", "/chat", List.of("chat"),
                List.of(new PerMessageDeflate()), List.of(new Header("Origin", "https://example.com"))), "https");
        assertEquals(List.of(new Header(":method", "CONNECT"), new Header(":protocol", "websocket"), new Header(":scheme", "https"),
                new Header(":path", "/chat"), new Header(":authority", "example.com"), new Header("sec-websocket-version", "13"),
                new Header("sec-websocket-protocol", "chat"), new Header("sec-websocket-extensions", "permessage-deflate"),
                new Header("origin", "https://example.com")), headers);
        assertTrue(headers.stream().noneMatch(h -> h.is("sec-websocket-key") || h.is("upgrade") || h.is("connection")));
    }

    @Test
    void clientRefusesHeadersThatHttp2Forbids() {
        assertThrows(LocalProtocolError.class, () -> ExtendedConnect.requestHeaders(new Request("h", "/", List.of(), List.of(),
                List.of(new Header("Connection", "keep-alive"))), "http"));
        assertThrows(LocalProtocolError.class, () -> ExtendedConnect.requestHeaders(new Request("h", "/"), "ws"));
    }

    @Test
    void serverReadsAValidRequest() {
        Request r = ExtendedConnect.readRequest(validRequest(), false);
        assertEquals("example.com", r.host());
        assertEquals("/chat?room=1", r.target());
        assertEquals(List.of("chat", "superchat"), r.subprotocols());
        assertEquals("permessage-deflate", r.offeredExtensions().get(0).name());
        assertEquals("https://example.com", r.header("origin"));
        assertTrue(ExtendedConnect.isWebSocketRequest(validRequest()));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            ":protocol              | h2c        | :protocol h2c is not supported",
            ":scheme                | ftp        | :scheme must be http or https",
            ":path                  |            | missing :path",
            ":authority             |            | missing :authority",
            "sec-websocket-version  | 8          | 8 is not supported",
            "sec-websocket-extensions | permessage-deflate; = | Sec-WebSocket-Extensions",
    })
    void serverRejectsABadRequestWith400SayingWhy(String name, String value, String problem) {
        List<Header> headers = validRequest();
        headers.replaceAll(h -> h.name().equals(name.strip()) ? new Header(h.name(), value == null ? "" : value.strip()) : h);
        RemoteProtocolError e = assertThrows(RemoteProtocolError.class, () -> ExtendedConnect.readRequest(headers, false));
        assertTrue(e.getMessage().contains(problem), e.getMessage());
        RejectConnection reject = (RejectConnection) e.response().get(0);
        assertEquals(400, reject.statusCode());
        assertTrue(new String(((RejectData) e.response().get(1)).data(), StandardCharsets.UTF_8).contains(problem));
        if (name.strip().equals("sec-websocket-version")) {
            assertTrue(reject.headers().stream().anyMatch(h -> h.is("sec-websocket-version") && h.value().equals("13")),
                    "names the version we speak: " + reject.headers());
        }
    }

    @Test
    void serverRejectsConnectionSpecificHeadersAndAClosedStream() {
        List<Header> headers = validRequest();
        headers.add(new Header("upgrade", "websocket"));
        assertThrows(RemoteProtocolError.class, () -> ExtendedConnect.readRequest(headers, false));
        assertThrows(RemoteProtocolError.class, () -> ExtendedConnect.readRequest(validRequest(), true));
    }

    @Test
    void plainConnectIsNotAWebSocketRequest() {
        assertFalse(ExtendedConnect.isWebSocketRequest(List.of(new Header(":method", "CONNECT"), new Header(":authority", "h:443"))));
        assertFalse(ExtendedConnect.isWebSocketRequest(List.of(new Header(":method", "GET"), new Header(":path", "/"))));
    }

    @Test
    void acceptNegotiatesSubprotocolAndExtensions() {
        Request r = ExtendedConnect.readRequest(validRequest(), false);
        PerMessageDeflate pmd = new PerMessageDeflate();
        ExtendedConnect.Acceptance a = ExtendedConnect.acceptHeaders(r, new AcceptConnection("chat", List.of(pmd), List.of()));
        assertEquals(List.of(new Header(":status", "200"), new Header("sec-websocket-protocol", "chat"),
                new Header("sec-websocket-extensions", "permessage-deflate")), a.headers());
        assertEquals(List.of(pmd), a.extensions());
        assertThrows(LocalProtocolError.class, () -> ExtendedConnect.acceptHeaders(r, new AcceptConnection("other", List.of(), List.of())));
    }

    @Test
    void clientReadsAcceptanceAndRejection() {
        PerMessageDeflate pmd = new PerMessageDeflate();
        Request sent = new Request("h", "/", List.of("chat"), List.of(pmd), List.of());
        AcceptConnection accepted = assertInstanceOf(AcceptConnection.class, ExtendedConnect.readResponse(sent,
                List.of(new Header(":status", "200"), new Header("sec-websocket-extensions", "permessage-deflate")), false));
        assertEquals(List.of(pmd), accepted.extensions());
        RejectConnection rejected = assertInstanceOf(RejectConnection.class,
                ExtendedConnect.readResponse(sent, List.of(new Header(":status", "403")), true));
        assertEquals(403, rejected.statusCode());
        assertFalse(rejected.hasBody());
        assertThrows(RemoteProtocolError.class, () -> ExtendedConnect.readResponse(sent,
                List.of(new Header(":status", "200"), new Header("sec-websocket-protocol", "nope")), false));
        assertThrows(RemoteProtocolError.class, () -> ExtendedConnect.readResponse(sent, List.of(new Header(":status", "200")), true),
                "a 2xx that ends the stream leaves nothing to carry the WebSocket");
    }
}
