package io.wsproto.h2;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.wsproto.RemoteProtocolError;
import io.wsproto.events.AcceptConnection;
import io.wsproto.events.Event;
import io.wsproto.events.Header;
import io.wsproto.events.RejectConnection;
import io.wsproto.events.Request;
import io.wsproto.extensions.PerMessageDeflate;
import java.util.ArrayList;
import java.util.List;

/**
 * Coverage-guided fuzzing of the RFC 8441 header validation in both roles: a request either becomes a
 * {@link Request} that can be answered, or a {@link RemoteProtocolError} carrying a 4xx; a response
 * either accepts, rejects, or is refused with a {@link RemoteProtocolError}.
 */
class ExtendedConnectFuzzTest {
    private static final String[] NAMES = {":method", ":protocol", ":scheme", ":path", ":authority", ":status",
        "sec-websocket-version", "sec-websocket-protocol", "sec-websocket-extensions", "connection", "upgrade",
        "content-length", "origin", "x"};
    private static final String[] VALUES = {"CONNECT", "websocket", "http", "https", "/", "/echo", "example.com", "200",
        "13", "chat", "permessage-deflate", "permessage-deflate; server_no_context_takeover", "keep-alive", "0", ""};

    @FuzzTest(maxDuration = "10m")
    void readsRequestsAndResponses(FuzzedDataProvider data) {
        List<Header> headers = headers(data);
        boolean endStream = data.consumeBoolean();
        try {
            Request r = ExtendedConnect.readRequest(headers, endStream);
            assertFalse(r.target().isEmpty());
            ExtendedConnect.Acceptance a = ExtendedConnect.acceptHeaders(r,
                    new AcceptConnection(null, List.of(new PerMessageDeflate()), List.of()));
            assertEquals("200", a.headers().get(0).value());
        } catch (RemoteProtocolError bad) {
            RejectConnection reject = (RejectConnection) bad.response().get(0);
            assertTrue(reject.statusCode() >= 400 && reject.statusCode() < 500, bad.toString());
        }

        Request sent = new Request("example.com", "/echo", List.of("chat"), List.of(new PerMessageDeflate()), List.of());
        try {
            Event e = ExtendedConnect.readResponse(sent, headers, endStream);
            assertTrue(e instanceof AcceptConnection || e instanceof RejectConnection, String.valueOf(e));
            if (e instanceof AcceptConnection a && a.subprotocol() != null) {
                assertEquals("chat", a.subprotocol());
            }
        } catch (RemoteProtocolError refused) {
            assertTrue(refused.getMessage() != null && !refused.getMessage().isEmpty());
        }
    }

    /** Header lists built mostly from the names and values that matter, sometimes from anything. */
    private static List<Header> headers(FuzzedDataProvider data) {
        List<Header> headers = new ArrayList<>();
        int n = data.consumeInt(0, 12);
        for (int i = 0; i < n; i++) {
            String name = data.consumeBoolean() ? data.pickValue(NAMES) : data.consumeString(20);
            String value = data.consumeBoolean() ? data.pickValue(VALUES) : data.consumeString(60);
            headers.add(new Header(name, value));
        }
        return headers;
    }
}
