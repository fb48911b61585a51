package io.wsproto;

/**
 * Close status codes (RFC 6455 §7.4 and the IANA registry) and the one rule of which codes may travel
 * in a Close frame.
 */
public final class CloseCode {
    public static final int NORMAL_CLOSURE = 1000;
    public static final int GOING_AWAY = 1001;
    public static final int PROTOCOL_ERROR = 1002;
    public static final int UNSUPPORTED_DATA = 1003;
    /** Reserved: never on the wire; reported when a Close frame carried no code. */
    public static final int NO_STATUS_RCVD = 1005;
    /** Reserved: never on the wire; reported when the transport ended without a Close frame. */
    public static final int ABNORMAL_CLOSURE = 1006;
    public static final int INVALID_FRAME_PAYLOAD_DATA = 1007;
    public static final int POLICY_VIOLATION = 1008;
    public static final int MESSAGE_TOO_BIG = 1009;
    public static final int MANDATORY_EXTENSION = 1010;
    public static final int INTERNAL_ERROR = 1011;
    public static final int SERVICE_RESTART = 1012;
    public static final int TRY_AGAIN_LATER = 1013;
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
