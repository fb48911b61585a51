package io.wsproto.h1;

import io.wsproto.events.Header;
import io.wsproto.handshake.Tokens;
import java.util.ArrayList;
import java.util.List;

/** A parsed HTTP/1.1 head: the start line and the header fields in order of arrival. */
record HttpHead(String startLine, List<Header> headers) {
    public HttpHead {
        headers = List.copyOf(headers);
    }

    /** The method of a request line, e.g. {@code GET}. */
    public String method() {
        int space = startLine.indexOf(' ');
        return space < 0 ? startLine : startLine.substring(0, space);
    }

    /** The request target of a request line, e.g. {@code /chat?x=1}. */
    public String target() {
        String[] parts = startLine.split(" ", 3);
        return parts.length > 1 ? parts[1] : "";
    }

    /** Whether this request asks for a WebSocket: its Upgrade header lists {@code websocket}. */
    public boolean isWebSocketUpgrade() {
        return Tokens.containsToken(values(HandshakeHeaders.UPGRADE), "websocket");
    }

    /** Every value of a header, in order. */
    public List<String> values(String name) {
        List<String> values = new ArrayList<>();
        for (Header h : headers) {
            if (h.is(name)) {
                values.add(h.value());
            }
        }
        return values;
    }

    /**
     * The values of a header combined into one, as RFC 9110 §5.3 allows for list-valued fields: joined by
     * ", " in order. Null when absent.
     */
    public String combined(String name) {
        List<String> values = values(name);
        return values.isEmpty() ? null : String.join(", ", values);
    }

    /** The only value of a header that must not repeat; null when absent. */
    String single(String name) throws HttpParseException {
        List<String> values = values(name);
        if (values.size() > 1) {
            throw new HttpParseException(400, name + " appears " + values.size() + " times");
        }
        return values.isEmpty() ? null : values.get(0);
    }
}
