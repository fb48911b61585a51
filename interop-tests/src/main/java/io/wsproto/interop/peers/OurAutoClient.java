package io.wsproto.interop.peers;

import io.wsproto.h2.WebSocketClient;
import io.wsproto.h2.WebSocketHandler;
import io.wsproto.h2.WebSocketSession;
import java.net.URI;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Our {@link WebSocketClient}, which chooses the transport itself; the matrix says which one it must
 * choose (HTTP/2 where the server offers RFC 8441 over TLS, HTTP/1.1 over ws://) and this fails otherwise.
 */
public final class OurAutoClient extends SessionEchoClient {
    private final WebSocketClient client;
    private final WebSocketSession ws;

    public OurAutoClient(String uri, boolean deflate, boolean expectHttp2) throws Exception {
        client = WebSocketClient.builder().deflate(deflate).insecureSkipCertificateVerification().threads(1).build();
        try {
            ws = client.connect(URI.create(uri), List.of(), List.of(), this).get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            client.close();
            throw e;
        }
        if (ws.isHttp2() != expectHttp2) {
            client.close();
            throw new AssertionError("WebSocketClient chose " + (ws.isHttp2() ? "HTTP/2" : "HTTP/1.1") + " for " + uri
                    + ", expected " + (expectHttp2 ? "HTTP/2 (the server offers RFC 8441)" : "HTTP/1.1"));
        }
    }

    @Override
    WebSocketSession session() {
        return ws;
    }

    @Override
    public void close() {
        client.close();
    }

    @Override
    public String toString() {
        return "wsproto WebSocketClient (" + (ws.isHttp2() ? "h2" : "h1") + ")";
    }
}
