package io.wsproto.h2;

import io.wsproto.events.BytesMessage;
import io.wsproto.events.Event;
import io.wsproto.events.TextMessage;

/** The payload size of a message as it travels: bytes, UTF-8 for text. What queues and metrics count. */
final class Payloads {
    private Payloads() {
    }

    /** The payload bytes of a data message; zero for any other event. */
    static long size(Event e) {
        if (e instanceof BytesMessage b) {
            return b.data().length;
        }
        return e instanceof TextMessage t ? utf8Length(t.data()) : 0;
    }

    /** The length of {@code text} in UTF-8, without encoding it (an unpaired surrogate counts as the 3-byte replacement). */
    static long utf8Length(CharSequence text) {
        int n = text.length();
        long bytes = n;
        for (int i = 0; i < n; i++) {
            char c = text.charAt(i);
            if (c >= 0x80) {
                if (c < 0x800) {
                    bytes += 1;
                } else if (Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(text.charAt(i + 1))) {
                    bytes += 2; // four bytes for the pair's two chars
                    i++;
                } else {
                    bytes += 2;
                }
            }
        }
        return bytes;
    }
}
