package io.wsproto.events;

import io.wsproto.CloseCode;
import java.util.Objects;

/**
 * The end of a WebSocket: a Close frame to send, or the news that the connection is closing.
 *
 * <p>{@link #origin()} says where a received close came from, so the application can tell a close the
 * peer sent from one this side is making because the peer broke the protocol.
 *
 * @param code the status code; {@link CloseCode#NO_STATUS_RCVD 1005} for a Close frame without one,
 *     {@link CloseCode#ABNORMAL_CLOSURE 1006} for a transport that ended without a close
 * @param reason the reason text, possibly empty
 * @param origin who closed
 */
public record CloseConnection(int code, String reason, Origin origin) implements Event {
    /** Who closed. */
    public enum Origin {
        /** Built by the application to send. */
        APPLICATION,
        /** The peer sent this Close frame. */
        PEER,
        /**
         * The peer broke the protocol or a limit; this side is failing the connection (RFC 6455 §7.1.7).
         * The code and reason say what was wrong, and {@link #response()} is the Close frame to send.
         */
        VIOLATION,
        /** The transport ended without a completed close handshake (code 1006). */
        TRANSPORT
    }

    /** Checks the reason and origin are there. */
    public CloseConnection {
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(origin, "origin");
    }

    /** A close to send, with a reason. */
    public CloseConnection(int code, String reason) {
        this(code, reason, Origin.APPLICATION);
    }

    /** A close to send, without a reason. */
    public CloseConnection(int code) {
        this(code, "", Origin.APPLICATION);
    }

    /**
     * The close to send in reply. For a peer's close it echoes the code and reason (a close without a
     * code is answered by one without a code); for a violation it is the close that tells the peer why.
     * The sans-I/O connection sends nothing unasked: the application sends this. A transport close
     * (1006) has no reply that can go on the wire.
     */
    public CloseConnection response() {
        return new CloseConnection(code, reason, Origin.APPLICATION);
    }

    /** Whether this side is failing the connection because the peer broke the protocol or a limit. */
    public boolean isViolation() {
        return origin == Origin.VIOLATION;
    }
}
