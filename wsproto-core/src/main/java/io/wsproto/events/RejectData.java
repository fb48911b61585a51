package io.wsproto.events;

import java.util.Arrays;
import java.util.Objects;

/** A piece of a rejection's body; the array is handed over, not copied. */
public record RejectData(byte[] data, boolean bodyFinished) implements Event {
    /** Checks the data is there. */
    public RejectData {
        Objects.requireNonNull(data, "data");
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof RejectData r && bodyFinished == r.bodyFinished && Arrays.equals(data, r.data);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(data) * 2 + (bodyFinished ? 1 : 0);
    }

    @Override
    public String toString() {
        return "RejectData[" + data.length + " bytes, bodyFinished=" + bodyFinished + "]";
    }
}
