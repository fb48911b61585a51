package io.wsproto.h2;

import io.wsproto.events.AcceptConnection;
import io.wsproto.events.Event;
import io.wsproto.events.RejectConnection;
import io.wsproto.events.Request;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;

/** The paths a server accepts WebSockets on, each with its accept decision and its handler. */
public final class WebSocketRoutes {
    /** One path: {@code decide} answers a request with {@link AcceptConnection} or {@link RejectConnection}. */
    record Route(String path, Function<Request, Event> decide, Supplier<WebSocketHandler> handlers) {
    }

    private final Map<String, Route> routes = new LinkedHashMap<>();

    /** Accepts WebSockets on {@code path} (the request target up to any '?'), offering permessage-deflate if asked. */
    public WebSocketRoutes add(String path, Function<Request, Event> decide, Supplier<WebSocketHandler> handlers) {
        routes.put(path, new Route(path, decide, handlers));
        return this;
    }

    /** The route for a request target, or null. */
    Route find(String target) {
        int query = target.indexOf('?');
        return routes.get(query < 0 ? target : target.substring(0, query));
    }
}
