package io.wsproto;

/**
 * Close status codes (RFC 6455 §7.4 and the IANA registry) and the one rule of which codes may travel
 * in a Close frame.
 */
public final class CloseCode {
    /** Normal closure: the purpose of the connection was fulfilled. */
    public static final int NORMAL_CLOSURE = 1000;
    /** The endpoint is going away: a server shutting down, a browser leaving the page, an idle timeout. */
    public static final int GOING_AWAY = 1001;
    /** The peer broke the protocol. */
    public static final int PROTOCOL_ERROR = 1002;
    /** The endpoint cannot accept this kind of data (text where only binary is understood, say). */
    public static final int UNSUPPORTED_DATA = 1003;
    /** Reserved: never on the wire; reported when a Close frame carried no code. */
    public static final int NO_STATUS_RCVD = 1005;
    /** Reserved: never on the wire; reported when the transport ended without a Close frame. */
    public static final int ABNORMAL_CLOSURE = 1006;
    /** A message's data was inconsistent with its type: text that is not valid UTF-8. */
    public static final int INVALID_FRAME_PAYLOAD_DATA = 1007;
    /** A message broke the endpoint's policy; the generic code when no other fits. */
    public static final int POLICY_VIOLATION = 1008;
    /** A frame, message or the unread input exceeded a {@link Limits limit}. */
    public static final int MESSAGE_TOO_BIG = 1009;
    /** A client closes with this when the server did not negotiate an extension it requires. */
    public static final int MANDATORY_EXTENSION = 1010;
    /** The server met an unexpected condition (a failing handler, say). */
    public static final int INTERNAL_ERROR = 1011;
    /** The server is restarting (IANA registry). */
    public static final int SERVICE_RESTART = 1012;
    /** The server is overloaded: try again later (IANA registry). */
    public static final int TRY_AGAIN_LATER = 1013;
    /** A gateway or proxy received an invalid response from upstream (IANA registry). */
    public static final int BAD_GATEWAY = 1014;
    /** Reserved: never on the wire; a TLS handshake failure. */
    public static final int TLS_HANDSHAKE = 1015;

    private CloseCode() {
    }

    /**
     * Whether {@code code} may appear in a Close frame, sent or received: 1000-1003, 1007-1014 (the
     * codes RFC 6455 defines plus those IANA registered since), and 3000-4999 for libraries and
     * applications. Everything else (0-999, 1004-1006, 1015, the unassigned rest of 1000-2999, and
     * 5000 up) is a protocol error when received and a {@link LocalProtocolError} when sent.
     */
    public static boolean isAllowedOnWire(int code) {
        return (code >= NORMAL_CLOSURE && code <= UNSUPPORTED_DATA)
                || (code >= INVALID_FRAME_PAYLOAD_DATA && code <= BAD_GATEWAY)
                || (code >= 3000 && code <= 4999);
    }
}
