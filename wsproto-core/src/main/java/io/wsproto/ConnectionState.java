package io.wsproto;

/** The life of a WebSocket connection, as in wsproto. */
public enum ConnectionState {
    /** The opening handshake is under way (HTTP/1.1 or HTTP/2 front ends only). */
    CONNECTING,
    /** Messages flow both ways. */
    OPEN,
    /**
     * A close has arrived that we have not answered yet: the peer sent a Close frame, or it broke the
     * protocol and the connection is failing. Sending the close reply moves to {@link #CLOSED}.
     */
    REMOTE_CLOSING,
    /** We sent a Close frame and wait for the peer's. */
    LOCAL_CLOSING,
    /** The close handshake is done or the transport ended: nothing more is accepted or sent. */
    CLOSED,
    /** The server is rejecting the opening handshake with an HTTP response. */
    REJECTING
}
