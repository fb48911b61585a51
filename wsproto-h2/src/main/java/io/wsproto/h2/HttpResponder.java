package io.wsproto.h2;

import io.wsproto.events.Header;
import java.util.List;

/**
 * Answers the ordinary HTTP requests that reach a {@link WebSocketServer}: HTTP/1.1 requests that are not
 * WebSocket upgrades, and HTTP/2 streams that are not extended CONNECTs. One answer per request.
 */
@FunctionalInterface
public interface HttpResponder {
    /** A complete response. */
    record Response(int status, String contentType, byte[] body) {
    }

    /**
     * Answers one request.
     *
     * @param method the request method
     * @param target the request target (path and query)
     * @param headers the request headers
     * @return the response
     */
    Response respond(String method, String target, List<Header> headers);

    /** Answers everything with 404. */
    HttpResponder NOT_FOUND = (method, target, headers) ->
            new Response(404, "text/plain; charset=utf-8", ("nothing at " + target + "\n").getBytes(java.nio.charset.StandardCharsets.UTF_8));
}
