package io.wsproto.interop.peers;

import io.netty.handler.ssl.ApplicationProtocolNames;
import io.wsproto.events.Request;
import io.wsproto.extensions.Extension;
import io.wsproto.extensions.PerMessageDeflate;
import io.wsproto.h2.Http2WebSocketClient;
import io.wsproto.h2.Tls;
import io.wsproto.h2.WebSocketHandler;
import io.wsproto.h2.WebSocketSession;
import java.net.URI;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Our HTTP/2 client: ws:// is h2c with prior knowledge, wss:// is TLS with ALPN h2. */
public final class OurH2Client extends SessionEchoClient {
    private final Http2WebSocketClient h2;
    private final WebSocketSession ws;

    public OurH2Client(String uri, boolean deflate) throws Exception {
        this(uri, deflate, Tls.Provider.JDK);
    }

    public OurH2Client(String uri, boolean deflate, Tls.Provider provider) throws Exception {
        URI target = URI.create(uri);
        boolean tls = target.getScheme().equals("wss");
        h2 = Http2WebSocketClient.connect(target.getHost(), target.getPort(),
                tls ? Tls.insecureClient(provider, ApplicationProtocolNames.HTTP_2) : null).get(10, TimeUnit.SECONDS);
        List<Extension> offered = deflate ? List.of(new PerMessageDeflate()) : List.of();
        ws = h2.open(new Request(target.getHost() + ":" + target.getPort(), target.getRawPath(), List.of(), offered, List.of()), this)
                .get(10, TimeUnit.SECONDS);
    }

    /** Another WebSocket on the same HTTP/2 connection. */
    public WebSocketSession openAnother(WebSocketHandler handler, String authority, String path) throws Exception {
        return h2.open(new Request(authority, path), handler).get(10, TimeUnit.SECONDS);
    }

    @Override
    WebSocketSession session() {
        return ws;
    }

    @Override
    public void close() {
        h2.close();
    }

    @Override
    public String toString() {
        return "wsproto h2 client";
    }
}
