package io.wsproto.h2;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.wsproto.events.AcceptConnection;
import java.net.URI;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/** The two ways a WebSocket travels between our client and our server in tests: an HTTP/1.1 upgrade, or an h2c stream. */
enum Wire {
    H1, H2;

    /** A client that opens WebSockets over this wire. */
    WebSocketClient client(SessionOptions options) {
        return WebSocketClient.builder().options(options).h2cPriorKnowledge(this == H2).threads(1).build();
    }

    /** Opens a WebSocket to {@code path} and checks it came over this wire. */
    WebSocketSession open(WebSocketClient client, WebSocketServer server, String path, WebSocketHandler handler) throws Exception {
        WebSocketSession session = client.connect(URI.create("ws://127.0.0.1:" + server.plaintextPort() + path), handler)
                .get(10, TimeUnit.SECONDS);
        assertEquals(this == H2, session.isHttp2(), "the WebSocket's transport");
        return session;
    }

    /** A plaintext server on a free port that speaks both wires, with one route accepting everything. */
    static WebSocketServer server(SessionOptions options, String path, Supplier<WebSocketHandler> handlers) throws InterruptedException {
        return server(options, new WebSocketRoutes().add(path, request -> new AcceptConnection(), handlers));
    }

    static WebSocketServer server(SessionOptions options, WebSocketRoutes routes) throws InterruptedException {
        return WebSocketServer.builder().routes(routes).options(options).plaintext("127.0.0.1", 0).threads(1).start();
    }
}
