package io.wsproto.interop.conformance;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/** What the tester saw the implementation under test do: a whole message, a control frame, or the end. */
sealed interface Seen {
    /** What a {@link Data} carries. */
    enum Kind {
        TEXT, BINARY, PING, PONG
    }

    /** A whole text or binary message, or a ping or pong, compared by content. */
    record Data(Kind kind, byte[] bytes) implements Seen {
        @Override
        public boolean equals(Object o) {
            return o instanceof Data d && kind == d.kind && Arrays.equals(bytes, d.bytes);
        }

        @Override
        public int hashCode() {
            return kind.hashCode() * 31 + Arrays.hashCode(bytes);
        }

        @Override
        public String toString() {
            String what = kind == Kind.TEXT && bytes.length <= 40 ? "\"" + new String(bytes, StandardCharsets.UTF_8) + "\""
                    : bytes.length + " B";
            return kind.name().toLowerCase(java.util.Locale.ROOT) + "(" + what + ")";
        }
    }

    /** A close frame; code -1 for an empty payload. */
    record Close(int code, String reason) implements Seen {
        @Override
        public String toString() {
            return code < 0 ? "close(no code)" : "close(" + code + (reason.isEmpty() ? "" : ", \"" + reason + "\"") + ")";
        }
    }

    /** The transport ended: TCP closed, or the HTTP/2 stream ended or was reset. */
    record End(String how) implements Seen {
        @Override
        public String toString() {
            return "end(" + how + ")";
        }
    }

    static Data text(String s) {
        return new Data(Kind.TEXT, s.getBytes(StandardCharsets.UTF_8));
    }

    static Data text(byte[] utf8) {
        return new Data(Kind.TEXT, utf8);
    }

    static Data binary(byte[] data) {
        return new Data(Kind.BINARY, data);
    }

    static Data ping(byte[] payload) {
        return new Data(Kind.PING, payload);
    }

    static Data pong(byte[] payload) {
        return new Data(Kind.PONG, payload);
    }
}
