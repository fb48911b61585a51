/**
 * WebSockets over HTTP/2 (RFC 8441) and HTTP/1.1 on Netty 4.2. Start with
 * {@link io.wsproto.h2.WebSocketServer} (a ready server: HTTP/1.1 and h2c on one port, TLS with ALPN) and
 * {@link io.wsproto.h2.Http2WebSocketClient}; your code implements {@link io.wsproto.h2.WebSocketHandler}
 * and talks through {@link io.wsproto.h2.WebSocketSession}. {@link io.wsproto.h2.Http2WebSocketPipeline}
 * adds RFC 8441 to an HTTP/2 server of your own, {@link io.wsproto.h2.ExtendedConnect} builds and checks
 * the header lists without any HTTP/2 library, {@link io.wsproto.h2.SessionOptions} holds the timeouts
 * and limits, and {@link io.wsproto.h2.Tls} builds TLS contexts.
 */
package io.wsproto.h2;
