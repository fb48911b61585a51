package io.wsproto.h1;

import io.wsproto.LocalProtocolError;
import io.wsproto.events.Header;
import java.util.List;
import java.util.Set;

/** Header names of the handshake, and the rule that the application's extra headers may not repeat them. */
final class HandshakeHeaders {
    static final String HOST = "Host";
    static final String UPGRADE = "Upgrade";
    static final String CONNECTION = "Connection";
    static final String KEY = "Sec-WebSocket-Key";
    static final String ACCEPT = "Sec-WebSocket-Accept";
    static final String VERSION = "Sec-WebSocket-Version";
    static final String PROTOCOL = "Sec-WebSocket-Protocol";
    static final String EXTENSIONS = "Sec-WebSocket-Extensions";
    static final String SUPPORTED_VERSION = "13";

    private static final Set<String> OWNED = Set.of("host", "upgrade", "connection", "sec-websocket-key",
            "sec-websocket-accept", "sec-websocket-version", "sec-websocket-protocol", "sec-websocket-extensions");

    private HandshakeHeaders() {
    }

    /** Extra headers may not set what the handshake itself writes. */
    static void requireExtra(List<Header> extra) {
        for (Header h : extra) {
            if (OWNED.contains(h.name().toLowerCase(java.util.Locale.ROOT))) {
                throw new LocalProtocolError(h.name() + " is written by the handshake and cannot be an extra header");
            }
        }
    }
}
