package io.wsproto.h1;

import io.wsproto.LocalProtocolError;
import io.wsproto.events.Header;
import io.wsproto.handshake.Tokens;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** Writes an HTTP/1.1 head, refusing header names and values that would break the message. */
final class HeadWriter {
    private final StringBuilder out = new StringBuilder(256);

    HeadWriter(String startLine) {
        out.append(startLine).append("\r\n");
    }

    HeadWriter header(String name, String value) {
        if (!Tokens.isToken(name)) {
            throw new LocalProtocolError("header name \"" + name + "\" is not a token");
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if ((c < 0x20 && c != '\t') || c == 0x7F || c > 0xFF) {
                throw new LocalProtocolError("header " + name + " has a character that cannot be sent (code " + (int) c + ")");
            }
        }
        out.append(name).append(": ").append(value).append("\r\n");
        return this;
    }

    HeadWriter headers(List<Header> headers) {
        for (Header h : headers) {
            header(h.name(), h.value());
        }
        return this;
    }

    byte[] finish() {
        out.append("\r\n");
        return out.toString().getBytes(StandardCharsets.ISO_8859_1);
    }
}
