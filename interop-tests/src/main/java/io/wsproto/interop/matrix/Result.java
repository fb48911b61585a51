package io.wsproto.interop.matrix;

/** One cell of the matrix: a client against a server over one transport, with or without permessage-deflate. */
public record Result(String client, String server, Transport transport, boolean deflate, Outcome outcome, String detail, long millis) {
    /** Whether a participant whose name starts with {@code name} was the client or the server. */
    public boolean involves(String name) {
        return client.startsWith(name) || server.startsWith(name);
    }

    public enum Outcome {
        PASS("pass"),
        FAIL("FAIL"),
        /** Failed for a documented fault of the other implementation; never counted against wsproto. */
        PEER_BUG("peer-bug"),
        NOT_APPLICABLE("n/a"),
        ABSENT("absent");

        final String word;

        Outcome(String word) {
            this.word = word;
        }
    }
}
