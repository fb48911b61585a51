package io.wsproto.frame;

/**
 * The peer broke a rule: carries the close code and the reason to send. Thrown on the receive path only,
 * where it is caught by the connection and turned into a close; it has no stack trace, since a hostile
 * peer could otherwise make us pay for one per frame.
 */
public final class ProtocolViolation extends Exception {
    /** The close code that tells the peer why. */
    private final int closeCode;

    /** A violation, with the close code and reason to send. */
    public ProtocolViolation(int closeCode, String reason) {
        super(reason, null, false, false);
        this.closeCode = closeCode;
    }

    /** The close code that tells the peer why. */
    public int closeCode() {
        return closeCode;
    }
}
