package io.wsproto.interop.peers;

import org.eclipse.jetty.alpn.server.ALPNServerConnectionFactory;
import org.eclipse.jetty.http2.server.HTTP2CServerConnectionFactory;
import org.eclipse.jetty.http2.server.HTTP2ServerConnectionFactory;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.SecureRequestCustomizer;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.SslConnectionFactory;
import org.eclipse.jetty.util.ssl.SslContextFactory;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.websocket.api.Session;
import org.eclipse.jetty.websocket.server.WebSocketUpgradeHandler;

/**
 * Jetty 12's WebSocket server (permessage-deflate available), echoing: over HTTP/1.1 only, or with HTTP/2
 * as well: an HTTP/1.1 port, an h2c port (prior knowledge), and a TLS port offering ALPN h2 and http/1.1
 * (RFC 8441, which Jetty enables by default).
 */
public final class JettyEchoServer extends EchoServer {
    /** The default message size limit: room for the echo plan's 1 MiB messages. */
    private static final int MAX = 2 << 20;
    private final Server server = new Server();
    private final ServerConnector connector;
    private final ServerConnector tlsConnector;
    private final ServerConnector h2cConnector;

    public JettyEchoServer() throws Exception {
        this(false);
    }

    public JettyEchoServer(boolean http2) throws Exception {
        this(http2, MAX);
    }

    /** With {@code maxMessageSize} as Jetty's text and binary message limit. */
    public JettyEchoServer(boolean http2, int maxMessageSize) throws Exception {
        this(http2, maxMessageSize, true);
    }

    /**
     * Jetty with HTTP/2 but without WebSockets over it: its SETTINGS do not enable the connect protocol
     * (RFC 8441), so WebSocket clients must use the HTTP/1.1 upgrade.
     */
    public static JettyEchoServer withoutHttp2WebSockets() throws Exception {
        return new JettyEchoServer(true, MAX, false);
    }

    private JettyEchoServer(boolean http2, int maxMessageSize, boolean connectProtocol) throws Exception {
        HttpConfiguration config = new HttpConfiguration();
        if (http2) {
            // h2c with prior knowledge on a connector of its own: Jetty's HTTP/1.1 connector with an h2c factory
            // answers the HTTP/2 preface, but not always a client that sends its SETTINGS in the same write.
            connector = new ServerConnector(server, new HttpConnectionFactory(config));
            HTTP2CServerConnectionFactory h2c = new HTTP2CServerConnectionFactory(config);
            h2c.setConnectProtocolEnabled(connectProtocol);
            h2cConnector = new ServerConnector(server, h2c);
            h2cConnector.setHost("127.0.0.1");
            server.addConnector(h2cConnector);
            config.addCustomizer(new SecureRequestCustomizer(false));
            SslContextFactory.Server ssl = new SslContextFactory.Server();
            ssl.setKeyStore(PeerTls.keyStore());
            ssl.setKeyStorePassword(PeerTls.PASSWORD);
            HTTP2ServerConnectionFactory h2 = new HTTP2ServerConnectionFactory(config);
            h2.setConnectProtocolEnabled(connectProtocol);
            ALPNServerConnectionFactory alpn = new ALPNServerConnectionFactory("h2", "http/1.1");
            alpn.setDefaultProtocol("http/1.1");
            tlsConnector = new ServerConnector(server, new SslConnectionFactory(ssl, alpn.getProtocol()), alpn, h2,
                    new HttpConnectionFactory(config));
            tlsConnector.setHost("127.0.0.1");
            server.addConnector(tlsConnector);
        } else {
            connector = new ServerConnector(server);
            tlsConnector = null;
            h2cConnector = null;
        }
        connector.setHost("127.0.0.1");
        connector.setPort(0);
        server.addConnector(connector);
        server.setHandler(WebSocketUpgradeHandler.from(server, container -> {
            container.setMaxTextMessageSize(maxMessageSize);
            container.setMaxBinaryMessageSize(maxMessageSize);
            container.addMapping("/echo", (request, response, callback) -> new Echo(this));
        }));
        server.start();
    }

    /** The echo, telling the server how each session ended. Public: Jetty binds listener methods through method handles. */
    public static final class Echo extends JettyEcho {
        private final EchoServer server;

        Echo(EchoServer server) {
            this.server = server;
        }

        @Override
        public void onWebSocketClose(int statusCode, String reason) {
            server.sessionEnded(statusCode, !getSession().getUpgradeResponse().getExtensions().isEmpty(),
                    "HTTP/2.0".equals(getSession().getUpgradeRequest().getHttpVersion()));
        }
    }

    @Override
    public int port() {
        return connector.getLocalPort();
    }

    @Override
    public int h2cPort() {
        return h2cConnector == null ? -1 : h2cConnector.getLocalPort();
    }

    @Override
    public int tlsPort() {
        return tlsConnector == null ? -1 : tlsConnector.getLocalPort();
    }

    @Override
    public void close() throws Exception {
        server.stop();
    }

    @Override
    public String toString() {
        return tlsConnector == null ? "Jetty 12 server" : "Jetty 12 h2 server";
    }
}
