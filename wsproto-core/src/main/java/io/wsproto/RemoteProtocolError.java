package io.wsproto;

import io.wsproto.events.Event;

/**
 * The peer broke the protocol. {@link #eventHint()} is what to send back: a close frame for an open
 * WebSocket, an HTTP rejection during a handshake.
 */
public final class RemoteProtocolError extends ProtocolError {
    private final transient Event eventHint;

    public RemoteProtocolError(String message, Event eventHint) {
        super(message);
        this.eventHint = eventHint;
    }

    /** The event the application should send in reply, or {@code null} when none fits. */
    public Event eventHint() {
        return eventHint;
    }
}
