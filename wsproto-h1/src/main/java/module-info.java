/** The HTTP/1.1 WebSocket handshake (RFC 6455 §4) over the core connection, and a blocking socket adapter. */
module io.wsproto.h1 {
    requires transitive io.wsproto.core;

    exports io.wsproto.h1;
}
