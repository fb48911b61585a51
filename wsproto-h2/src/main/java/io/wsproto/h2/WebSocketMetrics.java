package io.wsproto.h2;

import io.wsproto.events.CloseConnection;
import java.time.Duration;

/**
 * What the Netty adapter reports about its WebSockets, for counters and dashboards. Every method has a
 * no-op default, so a listener implements only what it records. Calls come from the connection's event loop
 * ({@link #messageSent} from the thread that sent), so an implementation must be thread-safe and must not
 * block. {@link JfrMetrics} is the built-in binding; {@link #NONE} records nothing.
 */
public interface WebSocketMetrics {
    /** Records nothing: the default. */
    WebSocketMetrics NONE = new WebSocketMetrics() {
    };

    /** A WebSocket opened (its handshake completed), as server or as client. */
    default void opened(WebSocketSession session) {
    }

    /**
     * A WebSocket ended.
     *
     * @param session the WebSocket
     * @param code the close code its handler saw (1006 when the transport ended without a close)
     * @param origin who ended it: {@code APPLICATION} when this side started the close handshake (the
     *     application, the idle timeout, a full send queue, a failing handler), {@code PEER} when the peer did,
     *     {@code VIOLATION} when this side failed the connection for the peer's protocol violation, and
     *     {@code TRANSPORT} when the stream or connection ended without a close handshake
     */
    default void closed(WebSocketSession session, int code, CloseConnection.Origin origin) {
    }

    /**
     * A server answered a WebSocket request with something other than success.
     *
     * @param target the request target
     * @param status the HTTP status sent
     * @param http2 whether the request came over HTTP/2
     */
    default void rejected(String target, int status, boolean http2) {
    }

    /** A whole message (or, when streaming, a part) was delivered; {@code bytes} of payload after decompression, UTF-8 for text. */
    default void messageReceived(WebSocketSession session, long bytes) {
    }

    /**
     * A message was queued to send.
     *
     * @param session the WebSocket
     * @param bytes its payload
     * @param queuedBytes the session's queued payload, this message included
     */
    default void messageSent(WebSocketSession session, long bytes, long queuedBytes) {
    }

    /** A send was refused because the session's queue was full. */
    default void sendRefused(WebSocketSession session, long bytes, long queuedBytes) {
    }

    /** The pong to one of our pings arrived after {@code roundTrip}. */
    default void pingRoundTrip(WebSocketSession session, Duration roundTrip) {
    }
}
