package io.wsproto;

import io.wsproto.events.BytesMessage;
import io.wsproto.events.Message;
import io.wsproto.events.TextMessage;
import java.util.Arrays;

/**
 * Joins the parts that {@link Connection#events()} delivers into whole messages, for applications that
 * want messages rather than streams. Its memory is bounded by the connection's
 * {@link Limits#maxMessageSize()}, which the connection enforces before a part reaches it. A message that
 * arrives whole in one part passes through without a copy.
 */
public final class MessageAssembler {
    private StringBuilder text;
    private byte[] binary;
    private int binarySize;

    /** Adds a part; returns the whole message when this part ends it, else null. */
    public Message add(Message part) {
        if (part instanceof TextMessage t) {
            if (text == null && t.messageFinished()) {
                return t;
            }
            if (text == null) {
                text = new StringBuilder(t.data().length() * 2);
            }
            text.append(t.data());
            if (!t.messageFinished()) {
                return null;
            }
            TextMessage whole = new TextMessage(text.toString());
            text = null;
            return whole;
        }
        BytesMessage b = (BytesMessage) part;
        if (binary == null && b.messageFinished()) {
            return b;
        }
        if (binary == null) {
            binary = new byte[Math.max(256, b.data().length * 2)];
        }
        if (binarySize + b.data().length > binary.length) {
            binary = Arrays.copyOf(binary, Math.max(binary.length * 2, binarySize + b.data().length));
        }
        System.arraycopy(b.data(), 0, binary, binarySize, b.data().length);
        binarySize += b.data().length;
        if (!b.messageFinished()) {
            return null;
        }
        BytesMessage whole = new BytesMessage(binarySize == binary.length ? binary : Arrays.copyOf(binary, binarySize));
        binary = null;
        binarySize = 0;
        return whole;
    }
}
