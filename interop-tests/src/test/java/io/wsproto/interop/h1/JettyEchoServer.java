package io.wsproto.interop.h1;

import java.nio.ByteBuffer;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.websocket.api.Callback;
import org.eclipse.jetty.websocket.api.Session;
import org.eclipse.jetty.websocket.server.WebSocketUpgradeHandler;

/** Jetty 12's WebSocket server (permessage-deflate available), echoing. */
public final class JettyEchoServer extends EchoServer {
    private static final int MAX = 2 << 20;
    private final Server server = new Server();
    private final ServerConnector connector = new ServerConnector(server);

    JettyEchoServer() throws Exception {
        connector.setHost("127.0.0.1");
        connector.setPort(0);
        server.addConnector(connector);
        server.setHandler(WebSocketUpgradeHandler.from(server, container -> {
            container.setMaxTextMessageSize(MAX);
            container.setMaxBinaryMessageSize(MAX);
            container.addMapping("/echo", (request, response, callback) -> new Echo(this));
        }));
        server.start();
    }

    /** Public: Jetty binds listener methods through method handles. */
    public static final class Echo extends Session.Listener.AbstractAutoDemanding {
        private final EchoServer server;

        Echo(EchoServer server) {
            this.server = server;
        }

        @Override
        public void onWebSocketText(String message) {
            getSession().sendText(message, Callback.NOOP);
        }

        @Override
        public void onWebSocketBinary(ByteBuffer payload, Callback callback) {
            ByteBuffer copy = ByteBuffer.allocate(payload.remaining()).put(payload).flip();
            callback.succeed();
            getSession().sendBinary(copy, Callback.NOOP);
        }

        @Override
        public void onWebSocketClose(int statusCode, String reason) {
            server.sessionEnded(statusCode, !getSession().getUpgradeResponse().getExtensions().isEmpty());
        }
    }

    @Override
    int port() {
        return connector.getLocalPort();
    }

    @Override
    public void close() throws Exception {
        server.stop();
    }

    @Override
    public String toString() {
        return "Jetty 12 server";
    }
}
