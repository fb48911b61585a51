package io.wsproto.h2;

import io.wsproto.events.Event;

/**
 * What an application does with a WebSocket served or opened through the Netty adapter. Callbacks for one
 * session come one at a time, in order. By default they run on the connection's event loop: never block
 * there, since that stalls every WebSocket the event loop serves (over HTTP/2, every stream of the
 * connection). A handler that blocks sets {@link SessionOptions#executor()} (virtual threads suit it).
 *
 * <p>A callback that throws is reported to {@link #onError}, and the WebSocket is closed with 1011.
 */
public interface WebSocketHandler {
    /** The handshake succeeded. */
    default void onOpen(WebSocketSession session) {
    }

    /** A whole text message (parts are joined within the message-size limit); not called when streaming. */
    default void onText(WebSocketSession session, String text) {
    }

    /** A whole binary message; not called when streaming. */
    default void onBinary(WebSocketSession session, byte[] data) {
    }

    /**
     * Every event of the connection as the core delivers it (message parts, pings, pongs, the close),
     * before the message callbacks. With {@link SessionOptions#streaming()}, message parts arrive only here,
     * as they arrive: text parts hold whole characters, and the last part of a message has
     * {@code messageFinished}.
     */
    default void onEvent(WebSocketSession session, Event event) {
    }

    /**
     * Something failed that is not a protocol close: an I/O error, a TLS failure, a callback that threw, an
     * executor that refused work. {@link #onClose} follows (1006 for a lost transport, 1011 for a failed
     * callback). A protocol violation by the peer is not an error here: it is a close with its code.
     */
    default void onError(WebSocketSession session, Throwable failure) {
    }

    /**
     * The WebSocket ended, once: {@code code} is the peer's close code, ours when the peer broke the
     * protocol (1002, 1007, 1009, ...), or 1006 when the stream or connection ended without a close.
     */
    default void onClose(WebSocketSession session, int code, String reason) {
    }

    /** Whether writes would now be buffered (false) or go out (true); reading pauses while unwritable. */
    default void onWritabilityChanged(WebSocketSession session, boolean writable) {
    }
}
