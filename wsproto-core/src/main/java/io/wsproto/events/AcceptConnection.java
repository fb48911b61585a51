package io.wsproto.events;

import io.wsproto.extensions.Extension;
import java.util.List;

/**
 * The opening handshake succeeded: sent by a server to accept a {@link Request}, received by a client.
 *
 * @param subprotocol the chosen subprotocol, one of those offered, or null for none
 * @param extensions when sending, the extensions the server supports (fresh instances; the offer decides
 *     which are enabled); when received, the extensions the server accepted, enabled
 * @param extraHeaders when sending, headers to add to the response; when received, every header of the
 *     response
 */
public record AcceptConnection(String subprotocol, List<Extension> extensions, List<Header> extraHeaders) implements Event {
    /** Copies the lists. */
    public AcceptConnection {
        extensions = List.copyOf(extensions);
        extraHeaders = List.copyOf(extraHeaders);
    }

    /** Accepts with no subprotocol, no extensions and no extra headers. */
    public AcceptConnection() {
        this(null, List.of(), List.of());
    }
}
