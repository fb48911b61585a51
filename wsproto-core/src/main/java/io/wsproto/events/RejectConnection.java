package io.wsproto.events;

import java.util.List;

/**
 * The opening handshake failed with an HTTP response: sent by a server instead of {@link AcceptConnection},
 * received by a client. A body, if any, follows as {@link RejectData} events.
 *
 * @param statusCode the HTTP status, never 101 (or 2xx on HTTP/2, which would accept)
 * @param headers the response headers
 * @param hasBody whether {@link RejectData} follows
 */
public record RejectConnection(int statusCode, List<Header> headers, boolean hasBody) implements Event {
    /** Copies the headers. */
    public RejectConnection {
        headers = List.copyOf(headers);
    }

    /** A rejection without body or headers. */
    public RejectConnection(int statusCode) {
        this(statusCode, List.of(), false);
    }
}
