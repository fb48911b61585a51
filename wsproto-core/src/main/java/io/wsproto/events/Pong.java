package io.wsproto.events;

import java.util.Arrays;
import java.util.Objects;

/**
 * A Pong control frame: the answer to a ping, or unsolicited (a heartbeat, RFC 6455 §5.5.3). Received
 * pongs are always surfaced, never treated as errors.
 */
public record Pong(byte[] payload) implements Event {
    private static final byte[] EMPTY = new byte[0];

    public Pong {
        Objects.requireNonNull(payload, "payload");
    }

    public Pong() {
        this(EMPTY);
    }

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
        return "Pong[" + payload.length + " bytes]";
    }
}
