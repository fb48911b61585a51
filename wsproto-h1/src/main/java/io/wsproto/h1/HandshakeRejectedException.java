package io.wsproto.h1;

import io.wsproto.events.Header;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** The server answered the opening handshake with an HTTP response other than 101. */
public final class HandshakeRejectedException extends IOException {
    /** The response status. */
    private final int status;
    private final transient List<Header> headers;
    /** The response body, as much as was read. */
    private final byte[] body;

    /**
     * A rejection as the client received it.
     *
     * @param status the response status
     * @param headers the response headers
     * @param body the body, as much as was read
     */
    public HandshakeRejectedException(int status, List<Header> headers, byte[] body) {
        super("the server rejected the WebSocket handshake with status " + status
                + (body.length > 0 ? ": " + new String(body, StandardCharsets.UTF_8).strip() : ""));
        this.status = status;
        this.headers = headers;
        this.body = body;
    }

    /**
     * The response status.
     *
     * @return the status code, e.g. 403
     */
    public int status() {
        return status;
    }

    /**
     * The response headers.
     *
     * @return the headers, in order
     */
    public List<Header> headers() {
        return headers;
    }

    /** The start of the response body, at most {@link BlockingWebSocket#MAX_REJECTION_BODY} bytes. */
    public byte[] body() {
        return body.clone();
    }
}
