package io.wsproto.h1;

import io.wsproto.handshake.HandshakeRules;

/** Header names of the HTTP/1.1 handshake; the rules shared with HTTP/2 are in {@link HandshakeRules}. */
final class HandshakeHeaders {
    static final String HOST = "Host";
    static final String UPGRADE = "Upgrade";
    static final String CONNECTION = "Connection";
    static final String KEY = "Sec-WebSocket-Key";
    static final String ACCEPT = "Sec-WebSocket-Accept";
    static final String VERSION = HandshakeRules.VERSION_HEADER;
    static final String PROTOCOL = HandshakeRules.SUBPROTOCOL_HEADER;
    static final String EXTENSIONS = HandshakeRules.EXTENSIONS_HEADER;

    private HandshakeHeaders() {
    }
}
