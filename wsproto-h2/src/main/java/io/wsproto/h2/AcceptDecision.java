package io.wsproto.h2;

import java.util.Collection;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.stream.Collectors;

/**
 * Decides on a WebSocket request, possibly later: a token lookup, a call to an authorisation service. The
 * stage may complete on any thread; the server answers on the connection's event loop, and answers 503 when
 * the stage has not completed within the handshake timeout, 500 when it fails.
 */
@FunctionalInterface
public interface AcceptDecision {
    /**
     * Decides.
     *
     * @param handshake the request and where it came from
     * @return completes with the answer
     */
    CompletionStage<HandshakeDecision> decide(HandshakeContext handshake);

    /**
     * Rejects, with 403 and a body naming it, a request whose {@code Origin} is not in {@code allowed}, and
     * hands the rest to {@code then}: the defence against cross-site WebSocket hijacking, where a page on
     * another site opens a WebSocket with the user's cookies. Origins compare as RFC 6454 serializes them
     * ({@code https://example.com}, {@code http://localhost:8080}), ignoring case. A request without
     * {@code Origin} (a client that is not a browser) is handed on, unless {@code requireOrigin}.
     *
     * @param allowed the origins allowed
     * @param requireOrigin whether a request without {@code Origin} is rejected too
     * @param then the decision for allowed requests
     * @return the combined decision
     */
    static AcceptDecision allowOrigins(Collection<String> allowed, boolean requireOrigin, AcceptDecision then) {
        Set<String> origins = allowed.stream().map(o -> o.toLowerCase(Locale.ROOT)).collect(Collectors.toUnmodifiableSet());
        return handshake -> {
            String origin = handshake.origin();
            if (origin == null ? !requireOrigin : origins.contains(origin.toLowerCase(Locale.ROOT))) {
                return then.decide(handshake);
            }
            return CompletableFuture.completedFuture(HandshakeDecision.reject(403,
                    origin == null ? "an Origin header is required\n" : "origin " + origin + " is not allowed\n"));
        };
    }
}
