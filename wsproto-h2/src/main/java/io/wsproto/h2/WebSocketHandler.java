package io.wsproto.h2;

import io.wsproto.events.Event;

/**
 * What an application does with a WebSocket served or opened through the Netty adapter. Every callback
 * runs on the connection's event loop; a handler that blocks there stalls its connection.
 */
public interface WebSocketHandler {
    /** The handshake succeeded. */
    default void onOpen(WebSocketSession session) {
    }

    /** A whole text message (parts are joined within the message-size limit). */
    default void onText(WebSocketSession session, String text) {
    }

    /** A whole binary message. */
    default void onBinary(WebSocketSession session, byte[] data) {
    }

    /**
     * Every event of the connection as the core delivers it (message parts, pings, pongs, the close),
     * before the message callbacks; for applications that stream large messages.
     */
    default void onEvent(WebSocketSession session, Event event) {
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
