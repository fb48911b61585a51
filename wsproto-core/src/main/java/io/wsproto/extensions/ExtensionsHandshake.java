package io.wsproto.extensions;

import io.wsproto.RemoteProtocolError;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Extension negotiation (RFC 6455 §9.1), the same for every handshake front end: the client offers, the
 * server picks, the client checks what was picked.
 */
public final class ExtensionsHandshake {
    private ExtensionsHandshake() {
    }

    /** Client: the Sec-WebSocket-Extensions value offering {@code proposed}, in order of preference. */
    public static Optional<String> clientOffer(List<? extends Extension> proposed) {
        if (proposed.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(proposed.stream().map(e -> e.offer().toString()).collect(Collectors.joining(", ")));
    }

    /**
     * Server: answers the client's offers. For each extension offered, the first offer that a supported
     * extension accepts wins (RFC 7692 §5.1: the client lists offers in order of preference); extensions
     * whose RSV bits are already taken by an accepted one are declined.
     *
     * @param requested every Sec-WebSocket-Extensions header value of the request
     * @param supported fresh instances for this connection; those that accept are enabled
     * @return the Sec-WebSocket-Extensions value for the response, empty when none was accepted
     * @throws RemoteProtocolError when a header value is malformed (the front end rejects the request)
     */
    public static Optional<String> serverExtensionsHandshake(List<String> requested, List<? extends Extension> supported) {
        List<ExtensionSpec> offers = parseAll(requested);
        List<ExtensionSpec> accepted = new ArrayList<>();
        Set<String> settled = new HashSet<>();
        int rsvTaken = 0;
        for (ExtensionSpec offer : offers) {
            if (settled.contains(offer.name())) {
                continue;
            }
            for (Extension extension : supported) {
                if (extension.name().equals(offer.name()) && !extension.enabled()
                        && (extension.rsvBits() & rsvTaken) == 0) {
                    Optional<ExtensionSpec> response = extension.accept(offer);
                    if (response.isPresent()) {
                        accepted.add(response.get());
                        settled.add(offer.name());
                        rsvTaken |= extension.rsvBits();
                        break;
                    }
                }
            }
        }
        if (accepted.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(accepted.stream().map(ExtensionSpec::toString).collect(Collectors.joining(", ")));
    }

    /**
     * Client: applies the server's choice.
     *
     * @param accepted every Sec-WebSocket-Extensions header value of the response
     * @param proposed the instances whose offers were sent
     * @return the accepted extensions, enabled, in the order the server listed them
     * @throws RemoteProtocolError when the server accepted an extension that was not offered, accepted one
     *     twice, or answered with parameters the extension cannot accept; the handshake must fail
     */
    public static List<Extension> clientExtensionsHandshake(List<String> accepted, List<? extends Extension> proposed) {
        List<Extension> result = new ArrayList<>();
        int rsvTaken = 0;
        for (ExtensionSpec response : parseAll(accepted)) {
            Extension match = proposed.stream().filter(e -> e.name().equals(response.name())).findFirst()
                    .orElseThrow(() -> new RemoteProtocolError("the server accepted extension '" + response.name()
                            + "', which the client did not offer"));
            if (result.contains(match)) {
                throw new RemoteProtocolError("the server accepted extension '" + response.name() + "' twice");
            }
            if ((match.rsvBits() & rsvTaken) != 0) {
                throw new RemoteProtocolError("the server accepted extensions that use the same RSV bits");
            }
            match.acceptResponse(response);
            rsvTaken |= match.rsvBits();
            result.add(match);
        }
        return result;
    }

    private static List<ExtensionSpec> parseAll(List<String> headerValues) {
        try {
            return ExtensionSpec.parseHeaders(headerValues);
        } catch (IllegalArgumentException e) {
            throw new RemoteProtocolError(e.getMessage());
        }
    }
}
