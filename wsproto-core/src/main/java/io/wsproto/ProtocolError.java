package io.wsproto;

/** Base of the two ways a WebSocket can go wrong: our side's misuse, or the peer's violation. */
public abstract sealed class ProtocolError extends RuntimeException permits LocalProtocolError, RemoteProtocolError {
    /**
     * An error with its explanation.
     *
     * @param message what was wrong
     */
    protected ProtocolError(String message) {
        super(message);
    }
}
