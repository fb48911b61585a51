package io.wsproto.events;

import java.util.Objects;

/** One HTTP header field as it appeared (or is to appear) in a handshake; names compare case-insensitively. */
public record Header(String name, String value) {
    /** Checks the name and value are there. */
    public Header {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(value, "value");
    }

    /** Whether this header has the given name, ignoring case (RFC 9110 §5.1). */
    public boolean is(String headerName) {
        return name.equalsIgnoreCase(headerName);
    }
}
