package io.wsproto.h1;

import io.wsproto.events.Header;
import java.util.List;

/**
 * An HTTP/1.1 request that does not ask for a WebSocket (its Upgrade header does not list
 * {@code websocket}), for a server that shares its port with ordinary HTTP: see
 * {@link WSConnection#ordinaryRequest()}.
 *
 * @param method the request method, e.g. {@code GET}
 * @param target the request target, e.g. {@code /index.html?x=1}
 * @param headers every header field, in order of arrival
 */
public record OrdinaryRequest(String method, String target, List<Header> headers) {
    /** Copies the headers. */
    public OrdinaryRequest {
        headers = List.copyOf(headers);
    }
}
