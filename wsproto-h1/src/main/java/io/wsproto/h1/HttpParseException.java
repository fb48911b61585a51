package io.wsproto.h1;

/** A malformed or oversize HTTP head, with the status a server answers it with. */
final class HttpParseException extends Exception {
    private final int status;

    HttpParseException(int status, String message) {
        super(message, null, false, false);
        this.status = status;
    }

    /** The status a server answers with: 400, or 431 for a head past the limits. */
    public int status() {
        return status;
    }
}
