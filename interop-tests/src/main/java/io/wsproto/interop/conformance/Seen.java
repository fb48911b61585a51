package io.wsproto.interop.conformance;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/** What the tester saw the implementation under test do: a whole message, a control frame, or the end. */
sealed interface Seen {
    record Text(byte[] data) implements Seen {
        @Override
        public boolean equals(Object o) {
            return o instanceof Text t && Arrays.equals(data, t.data);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(data);
        }

        @Override
        public String toString() {
            return "text(" + describe(data, true) + ")";
        }
    }

    record Binary(byte[] data) implements Seen {
        @Override
        public boolean equals(Object o) {
            return o instanceof Binary b && Arrays.equals(data, b.data);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(data);
        }

        @Override
        public String toString() {
            return "binary(" + describe(data, false) + ")";
        }
    }

    record Ping(byte[] payload) implements Seen {
        @Override
        public boolean equals(Object o) {
            return o instanceof Ping p && Arrays.equals(payload, p.payload);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(payload);
        }

        @Override
        public String toString() {
            return "ping(" + payload.length + " B)";
        }
    }

    record Pong(byte[] payload) implements Seen {
        @Override
        public boolean equals(Object o) {
            return o instanceof Pong p && Arrays.equals(payload, p.payload);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(payload);
        }

        @Override
        public String toString() {
            return "pong(" + payload.length + " B)";
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

    static Text text(String s) {
        return new Text(s.getBytes(StandardCharsets.UTF_8));
    }

    static Text text(byte[] utf8) {
        return new Text(utf8);
    }

    static Binary binary(byte[] data) {
        return new Binary(data);
    }

    static Pong pong(byte[] payload) {
        return new Pong(payload);
    }

    private static String describe(byte[] data, boolean text) {
        if (text && data.length <= 40) {
            return "\"" + new String(data, StandardCharsets.UTF_8) + "\"";
        }
        return data.length + " B";
    }
}
