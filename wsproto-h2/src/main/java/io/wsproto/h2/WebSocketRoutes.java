package io.wsproto.h2;

import io.wsproto.events.AcceptConnection;
import io.wsproto.events.Event;
import io.wsproto.events.RejectConnection;
import io.wsproto.events.Request;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import java.util.function.Supplier;

/** The paths a server accepts WebSockets on, each with its accept decision and its handler. */
public final class WebSocketRoutes {
    /** One path: {@code decide} answers a request, now or later. */
    record Route(String path, AcceptDecision decide, Supplier<WebSocketHandler> handlers) {
    }

    private final Map<String, Route> routes = new LinkedHashMap<>();

    /**
     * Accepts WebSockets on {@code path} (the request target up to any '?'), deciding on the event loop.
     *
     * @param path the path
     * @param decide answers a request with {@link AcceptConnection} or {@link RejectConnection}; it runs on the
     *     event loop, so it must not block (use {@link #addAsync} for a decision that waits on something)
     * @param handlers makes the handler of each accepted WebSocket
     * @return this
     */
    public WebSocketRoutes add(String path, Function<Request, Event> decide, Supplier<WebSocketHandler> handlers) {
        Objects.requireNonNull(decide, "decide");
        return addAsync(path, handshake -> CompletableFuture.completedFuture(HandshakeDecision.of(decide.apply(handshake.request()))), handlers);
    }

    /**
     * Accepts WebSockets on {@code path} with a decision that sees the remote address and TLS identity, may
     * complete later, and may reject with a body.
     *
     * @param path the path (the request target up to any '?')
     * @param decide the decision; see {@link AcceptDecision} for its timeout and failures
     * @param handlers makes the handler of each accepted WebSocket
     * @return this
     */
    public WebSocketRoutes addAsync(String path, AcceptDecision decide, Supplier<WebSocketHandler> handlers) {
        routes.put(Objects.requireNonNull(path, "path"), new Route(path, Objects.requireNonNull(decide, "decide"),
                Objects.requireNonNull(handlers, "handlers")));
        return this;
    }

    /** The route for a request target, or null. */
    Route find(String target) {
        int query = target.indexOf('?');
        return routes.get(query < 0 ? target : target.substring(0, query));
    }
}
