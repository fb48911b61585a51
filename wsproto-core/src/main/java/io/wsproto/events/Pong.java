package io.wsproto.events;

import java.util.Arrays;
import java.util.Objects;

/**
 * A Pong control frame: the answer to a ping, or unsolicited (a heartbeat, RFC 6455 §5.5.3). Received
 * pongs are always surfaced, never treated as errors.
 */
public record Pong(byte[] payload) implements Event {
    private static final byte[] EMPTY = new byte[0];

    /** Checks the payload is there; its size is checked when it is sent. */
    public Pong {
        Objects.requireNonNull(payload, "payload");
    }

    /** An unsolicited pong with an empty payload (a heartbeat, RFC 6455 §5.5.3). */
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
