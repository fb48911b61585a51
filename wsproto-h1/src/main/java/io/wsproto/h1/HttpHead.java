package io.wsproto.h1;

import io.wsproto.events.Header;
import java.util.ArrayList;
import java.util.List;

/** A parsed HTTP/1.1 head: the start line and the header fields in order of arrival. */
record HttpHead(String startLine, List<Header> headers) {
    /** Every value of a header, in order. */
    List<String> values(String name) {
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
    String combined(String name) {
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
