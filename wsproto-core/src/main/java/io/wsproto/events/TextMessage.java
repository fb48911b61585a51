package io.wsproto.events;

import java.util.Objects;

/**
 * A text message or a part of one. Received parts always hold whole characters: a UTF-8 sequence split
 * between frames or reads is delivered with the part that completes it.
 */
public record TextMessage(String data, boolean frameFinished, boolean messageFinished) implements Message {
    /** Checks the text is there. */
    public TextMessage {
        Objects.requireNonNull(data, "data");
    }

    /** A whole message in one frame. */
    public TextMessage(String data) {
        this(data, true, true);
    }

    @Override
    public String toString() {
        return "TextMessage[" + data.length() + " chars, frameFinished=" + frameFinished
                + ", messageFinished=" + messageFinished + "]";
    }
}
