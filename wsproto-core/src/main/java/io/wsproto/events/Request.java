package io.wsproto.events;

import io.wsproto.extensions.Extension;
import io.wsproto.extensions.ExtensionSpec;
import java.util.List;
import java.util.Objects;

/**
 * The opening handshake's request: sent by a client, received by a server.
 *
 * @param host the authority: the Host header on HTTP/1.1, {@code :authority} on HTTP/2
 * @param target the request target, e.g. {@code /chat?room=1}
 * @param subprotocols the subprotocols offered, in order of preference
 * @param extensions client only: the extensions to offer (fresh instances for this connection)
 * @param offeredExtensions server only: the extension offers the client sent, parsed; empty when sending
 * @param extraHeaders when sending, headers to add (Origin, Authorization, ...); when received, every header
 *     of the request as it arrived
 */
public record Request(String host, String target, List<String> subprotocols, List<Extension> extensions,
                      List<ExtensionSpec> offeredExtensions, List<Header> extraHeaders) implements Event {
    /** Checks the host and target and copies the lists. */
    public Request {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(target, "target");
        subprotocols = List.copyOf(subprotocols);
        extensions = List.copyOf(extensions);
        offeredExtensions = List.copyOf(offeredExtensions);
        extraHeaders = List.copyOf(extraHeaders);
    }

    /** A client's request with no subprotocols, extensions or extra headers. */
    public Request(String host, String target) {
        this(host, target, List.of(), List.of(), List.of(), List.of());
    }

    /** A client's request. */
    public Request(String host, String target, List<String> subprotocols, List<Extension> extensions, List<Header> extraHeaders) {
        this(host, target, subprotocols, extensions, List.of(), extraHeaders);
    }

    /** The first header with this name, ignoring case, or null. */
    public String header(String name) {
        return extraHeaders.stream().filter(h -> h.is(name)).map(Header::value).findFirst().orElse(null);
    }
}
