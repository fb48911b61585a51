package io.wsproto.interop.peers;

import io.wsproto.events.AcceptConnection;
import io.wsproto.extensions.PerMessageDeflate;
import io.wsproto.h2.SessionOptions;
import io.wsproto.h2.Tls;
import io.wsproto.interop.cli.EchoHandler;
import io.wsproto.h2.WebSocketRoutes;
import io.wsproto.h2.WebSocketServer;
import io.wsproto.h2.WebSocketSession;
import java.util.List;

/** Our Netty server: HTTP/1.1 and h2c on one plaintext port, h2 and http/1.1 by ALPN on a TLS port; echoing. */
public final class OurNettyEchoServer extends EchoServer {
    private final WebSocketServer server;

    public OurNettyEchoServer() throws Exception {
        this(Tls.Provider.JDK);
    }

    public OurNettyEchoServer(Tls.Provider provider) throws Exception {
        this(provider, SessionOptions.DEFAULT);
    }

    public OurNettyEchoServer(Tls.Provider provider, SessionOptions options) throws Exception {
        WebSocketRoutes routes = new WebSocketRoutes().add("/echo",
                request -> new AcceptConnection(null, List.of(new PerMessageDeflate()), List.of()), () -> new EchoHandler(new EchoHandler.Listener() {
                    @Override
                    public void opened(WebSocketSession session) {
                    }

                    @Override
                    public void closed(WebSocketSession session, int code, String reason) {
                        sessionEnded(code, !session.extensions().isEmpty(), session.isHttp2());
                    }
                }));
        server = WebSocketServer.builder().routes(routes).options(options)
                .plaintext("127.0.0.1", 0).tls(0, Tls.server(PeerTls.IDENTITY, provider)).threads(2).start();
    }

    @Override
    public int port() {
        return server.plaintextPort();
    }

    @Override
    public int tlsPort() {
        return server.tlsPort();
    }

    @Override
    public void close() {
        server.close();
    }

    @Override
    public String toString() {
        return "wsproto h2 server";
    }
}
