package io.wsproto.frame;

/**
 * The peer broke a rule: carries the close code and the reason to send. Thrown on the receive path only,
 * where it is caught by the connection and turned into a close; it has no stack trace, since a hostile
 * peer could otherwise make us pay for one per frame.
 */
public final class ProtocolViolation extends Exception {
    private final int closeCode;

    public ProtocolViolation(int closeCode, String reason) {
        super(reason, null, false, false);
        this.closeCode = closeCode;
    }

    public int closeCode() {
        return closeCode;
    }
}
