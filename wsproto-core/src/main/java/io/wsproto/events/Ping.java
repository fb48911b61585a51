package io.wsproto.events;

import java.util.Arrays;
import java.util.Objects;

/** A Ping control frame; at most 125 bytes of payload (RFC 6455 §5.5). */
public record Ping(byte[] payload) implements Event {
    private static final byte[] EMPTY = new byte[0];

    /** Checks the payload is there; its size is checked when it is sent. */
    public Ping {
        Objects.requireNonNull(payload, "payload");
    }

    /** A ping with an empty payload. */
    public Ping() {
        this(EMPTY);
    }

    /** The Pong that answers this ping: same payload (RFC 6455 §5.5.3). The application sends it. */
    public Pong response() {
        return new Pong(payload);
    }

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
        return "Ping[" + payload.length + " bytes]";
    }
}
