package io.wsproto.events;

import java.util.Arrays;
import java.util.Objects;

/** A binary message or a part of one. The array is handed over, not copied. */
public record BytesMessage(byte[] data, boolean frameFinished, boolean messageFinished) implements Message {
    /** Checks the payload is there. */
    public BytesMessage {
        Objects.requireNonNull(data, "data");
    }

    /** A whole message in one frame. */
    public BytesMessage(byte[] data) {
        this(data, true, true);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof BytesMessage m && frameFinished == m.frameFinished
                && messageFinished == m.messageFinished && Arrays.equals(data, m.data);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(data) * 4 + (frameFinished ? 2 : 0) + (messageFinished ? 1 : 0);
    }

    @Override
    public String toString() {
        return "BytesMessage[" + data.length + " bytes, frameFinished=" + frameFinished
                + ", messageFinished=" + messageFinished + "]";
    }
}
