/**
 * WebSockets over HTTP/1.1 (RFC 6455 §4). Start with {@link io.wsproto.h1.WSConnection}, the sans-I/O
 * handshake in either role followed by the core connection, or with {@link io.wsproto.h1.BlockingWebSocket}
 * for a ready client or server on a plain or TLS socket ({@link io.wsproto.h1.WebSocketOptions} holds its
 * settings). {@link io.wsproto.h1.HandshakeLimits} bounds the request and response heads.
 */
package io.wsproto.h1;
