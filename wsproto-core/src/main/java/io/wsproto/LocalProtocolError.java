package io.wsproto;

/**
 * The application misused the API: an event sent in a state that does not allow it, or an event whose
 * contents cannot go on the wire (a reserved close code, an oversize control payload, and so on).
 * Nothing was sent and the connection's state is unchanged.
 */
public final class LocalProtocolError extends ProtocolError {
    /**
     * An error of this side's use of the API.
     *
     * @param message what was wrong
     */
    public LocalProtocolError(String message) {
        super(message);
    }
}
