package io.wsproto.interop.conformance;

import io.wsproto.Limits;
import io.wsproto.events.BytesMessage;
import io.wsproto.events.Event;
import io.wsproto.events.Request;
import io.wsproto.events.TextMessage;
import io.wsproto.extensions.PerMessageDeflate;
import io.wsproto.h1.BlockingWebSocket;
import io.wsproto.h1.WebSocketOptions;
import io.wsproto.h2.Http2WebSocketClient;
import io.wsproto.h2.SessionOptions;
import io.wsproto.h2.Tls;
import io.wsproto.h2.WebSocketSession;
import io.wsproto.interop.cli.EchoHandler;
import io.wsproto.interop.peers.JettyEcho;
import io.wsproto.interop.peers.JettyEchoServer;
import io.wsproto.interop.peers.OurNettyEchoServer;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;
import org.eclipse.jetty.client.HttpClient;
import org.eclipse.jetty.client.transport.HttpClientTransportOverHTTP;
import org.eclipse.jetty.http2.client.HTTP2Client;
import org.eclipse.jetty.http2.client.transport.HttpClientTransportOverHTTP2;
import org.eclipse.jetty.io.ClientConnector;
import org.eclipse.jetty.websocket.api.Session;
import org.eclipse.jetty.websocket.client.ClientUpgradeRequest;
import org.eclipse.jetty.websocket.client.WebSocketClient;

/**
 * The implementations the catalogue runs against, each in both roles over h1 and h2c, each configured for
 * messages up to {@link Catalogue#LIMIT} bytes and echoing every message as the same type.
 */
final class Implementations {
    static final String WSPROTO = "wsproto";
    static final String JETTY = "Jetty 12";

    private Implementations() {
    }

    static List<Sut> of(String implementation) throws Exception {
        return switch (implementation) {
            case WSPROTO -> wsproto();
            case JETTY -> jetty();
            default -> throw new IllegalArgumentException("no implementation called " + implementation);
        };
    }

    static List<Sut> wsproto() throws Exception {
        Limits limits = Limits.forMessagesUpTo(Catalogue.LIMIT);
        OurNettyEchoServer server = new OurNettyEchoServer(Tls.Provider.JDK, SessionOptions.DEFAULT.withLimits(limits));
        List<Sut> suts = new ArrayList<>();
        suts.add(new Sut.Server(WSPROTO, false, server.port(), server));
        suts.add(new Sut.Server(WSPROTO, true, server.port(), () -> { })); // one port serves h1 and h2c
        suts.add(new Sut.Client(WSPROTO, false, (url, deflate) -> ourH1Client(url, deflate, limits), () -> { }));
        SessionOptions options = SessionOptions.DEFAULT.withLimits(limits).withCloseTimeout(Duration.ofSeconds(1));
        suts.add(new Sut.Client(WSPROTO, true, (url, deflate) -> ourH2Client(url, deflate, options), () -> { }));
        return suts;
    }

    /** Our blocking HTTP/1.1 client on a thread of its own, echoing until the connection ends. */
    private static AutoCloseable ourH1Client(String url, boolean deflate, Limits limits) {
        AtomicReference<BlockingWebSocket> opened = new AtomicReference<>();
        Thread thread = new Thread(() -> {
            WebSocketOptions options = new WebSocketOptions().deflate(deflate).limits(limits)
                    .readTimeout(Duration.ofSeconds(30)).closeTimeout(Duration.ofSeconds(1));
            try (BlockingWebSocket ws = BlockingWebSocket.connect(URI.create(url), options)) {
                opened.set(ws);
                Event e;
                while ((e = ws.receive()) != null) {
                    if (e instanceof TextMessage t) {
                        ws.send(new TextMessage(t.data(), true, true));
                    } else if (e instanceof BytesMessage b) {
                        ws.send(new BytesMessage(b.data(), true, true));
                    }
                }
            } catch (Exception ended) {
                // the case is over, or the handshake was refused as the case wanted
            }
        }, "wsproto h1 client under test");
        thread.setDaemon(true);
        thread.start();
        return () -> {
            BlockingWebSocket ws = opened.get();
            if (ws != null) {
                ws.close();
            }
            thread.join(5000);
        };
    }

    /** Our HTTP/2 client: one h2c connection per case, one WebSocket stream on it, echoing. */
    private static AutoCloseable ourH2Client(String url, boolean deflate, SessionOptions options) {
        URI uri = URI.create(url);
        CompletableFuture<Http2WebSocketClient> connection = Http2WebSocketClient.connect(uri.getHost(), uri.getPort(), null, options, null);
        connection.thenCompose(c -> c.open(new Request(uri.getHost() + ":" + uri.getPort(), uri.getRawPath(), List.of(),
                deflate ? List.of(new PerMessageDeflate()) : List.of(), List.of()), new EchoHandler(new EchoHandler.Listener() {
                    @Override
                    public void opened(WebSocketSession session) {
                    }

                    @Override
                    public void closed(WebSocketSession session, int code, String reason) {
                    }
                })));
        return () -> connection.thenAcceptAsync(Http2WebSocketClient::close).get();
    }

    static List<Sut> jetty() throws Exception {
        JettyEchoServer server = new JettyEchoServer(true, Catalogue.LIMIT);
        List<Sut> suts = new ArrayList<>();
        suts.add(new Sut.Server(JETTY, false, server.port(), server));
        suts.add(new Sut.Server(JETTY, true, server.h2cPort(), () -> { }));
        for (boolean http2 : new boolean[] {false, true}) {
            WebSocketClient client = jettyClient(http2);
            suts.add(new Sut.Client(JETTY, http2, (url, deflate) -> {
                ClientUpgradeRequest request = new ClientUpgradeRequest();
                if (deflate) {
                    request.addExtensions("permessage-deflate");
                }
                CompletableFuture<Session> session = client.connect(new JettyEcho(), URI.create(url), request);
                return () -> {
                    session.cancel(true);
                    if (session.isDone() && !session.isCompletedExceptionally()) {
                        session.get().disconnect();
                    }
                };
            }, client::stop));
        }
        return suts;
    }

    private static WebSocketClient jettyClient(boolean http2) throws Exception {
        ClientConnector connector = new ClientConnector();
        HttpClient http;
        if (http2) {
            HttpClientTransportOverHTTP2 transport = new HttpClientTransportOverHTTP2(new HTTP2Client(connector));
            transport.setUseALPN(false); // h2c with prior knowledge
            http = new HttpClient(transport);
        } else {
            http = new HttpClient(new HttpClientTransportOverHTTP(connector));
        }
        WebSocketClient client = new WebSocketClient(http);
        client.setMaxTextMessageSize(Catalogue.LIMIT);
        client.setMaxBinaryMessageSize(Catalogue.LIMIT);
        client.start();
        return client;
    }
}
