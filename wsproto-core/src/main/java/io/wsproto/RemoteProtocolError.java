package io.wsproto;

import io.wsproto.events.Event;
import java.util.List;

/**
 * The peer broke the protocol. {@link #response()} is what to send back, in order: a close frame for an
 * open WebSocket, an HTTP rejection and its body during a handshake, or nothing when the only answer is
 * to close the transport.
 */
public final class RemoteProtocolError extends ProtocolError {
    private final transient List<Event> response;

    /**
     * The peer's violation and the reply it should get.
     *
     * @param message what the peer did wrong
     * @param response the events to send in reply, in order; none when only closing the transport fits
     */
    public RemoteProtocolError(String message, Event... response) {
        super(message);
        this.response = List.of(response);
    }

    /** The events to send in reply, in order; empty when none fits. */
    public List<Event> response() {
        return response;
    }

    /** The first event to send in reply, or null (wsproto's {@code event_hint}). */
    public Event eventHint() {
        return response.isEmpty() ? null : response.get(0);
    }
}
