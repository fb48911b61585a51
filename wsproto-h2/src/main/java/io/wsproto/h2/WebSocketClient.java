package io.wsproto.h2;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.ssl.ApplicationProtocolNames;
import io.netty.handler.ssl.SslContext;
import io.wsproto.events.Header;
import io.wsproto.events.Request;
import io.wsproto.extensions.Extension;
import io.wsproto.extensions.PerMessageDeflate;
import java.net.URI;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * One WebSocket client for every transport. {@code wss://} offers ALPN {@code h2} and {@code http/1.1}: over
 * HTTP/2 a WebSocket opens as an extended CONNECT stream (RFC 8441) when the server enabled it, and falls
 * back to an HTTP/1.1 upgrade on a new connection when it did not or when the server chose
 * {@code http/1.1}. {@code ws://} upgrades over HTTP/1.1, or tries h2c with prior knowledge first when
 * {@link Builder#h2cPriorKnowledge} is set. The WebSockets to one origin share one HTTP/2 connection up
 * to the server's SETTINGS_MAX_CONCURRENT_STREAMS; then, or when that connection failed or received
 * GOAWAY, a new one is opened. Build one and share it; close it to close every connection.
 *
 * <pre>{@code
 * try (WebSocketClient client = WebSocketClient.builder().build()) {
 *     WebSocketSession ws = client.connect(URI.create("wss://example.com/chat"), handler).get();
 *     System.out.println(ws.isHttp2() ? "over an HTTP/2 stream" : "over HTTP/1.1");
 * }
 * }</pre>
 */
public final class WebSocketClient implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(WebSocketClient.class.getName());

    private final EventLoopGroup group;
    private final SessionOptions options;
    private final boolean deflate;
    private final boolean h2cPriorKnowledge;
    private final SslContext tlsAnyProtocol;
    private final SslContext tlsHttp1;
    /** The HTTP/2 connections of each origin ({@code scheme://host:port}). */
    private final Map<String, Origin> http2 = new ConcurrentHashMap<>();

    /**
     * One origin's HTTP/2 connections, and the one being opened: WebSockets that ask while it connects wait
     * for it instead of opening connections of their own.
     */
    private static final class Origin {
        final List<Http2WebSocketClient> live = new ArrayList<>();
        CompletableFuture<Http2WebSocketClient> connecting;
        /** The server answered without RFC 8441 over HTTP/2: its WebSockets go straight to HTTP/1.1. */
        boolean http1Only;
    }

    private WebSocketClient(Builder b) {
        this.group = new MultiThreadIoEventLoopGroup(b.threads, NioIoHandler.newFactory());
        this.options = b.options;
        this.deflate = b.deflate;
        this.h2cPriorKnowledge = b.h2cPriorKnowledge;
        String[] both = {ApplicationProtocolNames.HTTP_2, ApplicationProtocolNames.HTTP_1_1};
        if (b.insecure) {
            tlsAnyProtocol = Tls.insecureClient(b.provider, both);
            tlsHttp1 = Tls.insecureClient(b.provider, ApplicationProtocolNames.HTTP_1_1);
        } else {
            tlsAnyProtocol = Tls.client(b.provider, b.trusted, both);
            tlsHttp1 = Tls.client(b.provider, b.trusted, ApplicationProtocolNames.HTTP_1_1);
        }
    }

    /**
     * A builder with the defaults: {@link SessionOptions#DEFAULT}, permessage-deflate offered, h2c prior
     * knowledge off, TLS on the JDK provider verifying the server against the JDK's trust store and host
     * name, one event loop thread per core.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /** The settings of a {@link WebSocketClient}. */
    public static final class Builder {
        private SessionOptions options = SessionOptions.DEFAULT;
        private boolean deflate = true;
        private boolean h2cPriorKnowledge;
        private Tls.Provider provider = Tls.Provider.JDK;
        private X509Certificate trusted;
        private boolean insecure;
        private int threads = Runtime.getRuntime().availableProcessors();

        private Builder() {
        }

        /**
         * Timeouts (connect and handshake: {@code handshakeTimeout}) and limits of every WebSocket.
         *
         * @param value the options
         * @return this builder
         */
        public Builder options(SessionOptions value) {
            options = Objects.requireNonNull(value, "options");
            return this;
        }

        /**
         * Whether to offer permessage-deflate (RFC 7692); on by default.
         *
         * @param value true to offer it
         * @return this builder
         */
        public Builder deflate(boolean value) {
            deflate = value;
            return this;
        }

        /**
         * For {@code ws://}: try HTTP/2 with prior knowledge (h2c) first, falling back to the HTTP/1.1
         * upgrade when the server does not enable RFC 8441. Off by default: most plaintext servers speak
         * only HTTP/1.1.
         *
         * @param value true to try h2c first
         * @return this builder
         */
        public Builder h2cPriorKnowledge(boolean value) {
            h2cPriorKnowledge = value;
            return this;
        }

        /**
         * Which JSSE runs the TLS handshakes; the JDK's by default.
         *
         * @param value the provider
         * @return this builder
         */
        public Builder tlsProvider(Tls.Provider value) {
            provider = Objects.requireNonNull(value, "provider");
            return this;
        }

        /**
         * Trust this certificate instead of the JDK's trust store (a private CA, or a test server's own
         * certificate); the host name is still checked.
         *
         * @param value the certificate to trust
         * @return this builder
         */
        public Builder trust(X509Certificate value) {
            trusted = Objects.requireNonNull(value, "certificate");
            return this;
        }

        /**
         * Skip certificate and host name verification: only for a self-signed server on your own machine.
         *
         * @return this builder
         */
        public Builder insecureSkipCertificateVerification() {
            insecure = true;
            return this;
        }

        /**
         * How many event loop threads carry the connections.
         *
         * @param value the number of threads
         * @return this builder
         */
        public Builder threads(int value) {
            threads = value;
            return this;
        }

        /**
         * The client.
         *
         * @return a new client, to share and close
         */
        public WebSocketClient build() {
            return new WebSocketClient(this);
        }
    }

    /**
     * Opens a WebSocket with no subprotocols and no extra headers.
     *
     * @param uri a {@code ws://} or {@code wss://} URI
     * @param handler the application's side of the WebSocket
     * @return the session once the handshake succeeded; fails with
     *     {@link io.wsproto.h1.HandshakeRejectedException} (status, headers and up to 16 KiB of the body) for
     *     a rejection, and with an exception that says what came back for anything else
     */
    public CompletableFuture<WebSocketSession> connect(URI uri, WebSocketHandler handler) {
        return connect(uri, List.of(), List.of(), handler);
    }

    /**
     * Opens a WebSocket.
     *
     * @param uri a {@code ws://} or {@code wss://} URI
     * @param subprotocols the subprotocols to offer, in order of preference
     * @param extraHeaders headers to add to the request (Origin, Authorization, ...)
     * @param handler the application's side of the WebSocket
     * @return the session once the handshake succeeded (see {@link #connect(URI, WebSocketHandler)})
     */
    public CompletableFuture<WebSocketSession> connect(URI uri, List<String> subprotocols, List<Header> extraHeaders,
                                                       WebSocketHandler handler) {
        Objects.requireNonNull(handler, "handler");
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(java.util.Locale.ROOT);
        if (!scheme.equals("ws") && !scheme.equals("wss")) {
            return CompletableFuture.failedFuture(new IllegalArgumentException("a WebSocket URI is ws:// or wss://, not " + uri));
        }
        if (uri.getHost() == null) {
            return CompletableFuture.failedFuture(new IllegalArgumentException("no host in " + uri));
        }
        boolean tls = scheme.equals("wss");
        int port = uri.getPort() >= 0 ? uri.getPort() : tls ? 443 : 80;
        String authority = uri.getPort() >= 0 ? uri.getHost() + ":" + port : uri.getHost();
        String target = (uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath())
                + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
        Target where = new Target(scheme + "://" + uri.getHost() + ":" + port, uri.getHost(), port, tls, authority, target,
                subprotocols, extraHeaders);
        if (tls || h2cPriorKnowledge) {
            return overHttp2(where, handler);
        }
        return overHttp1(where, handler);
    }

    /** Where a WebSocket goes and what it asks for. */
    private record Target(String origin, String host, int port, boolean tls, String authority, String path,
                          List<String> subprotocols, List<Header> extraHeaders) {
        Request request(boolean deflate) {
            List<Extension> offer = deflate ? List.of(new PerMessageDeflate()) : List.of();
            return new Request(authority, path, subprotocols, offer, extraHeaders);
        }
    }

    private CompletableFuture<WebSocketSession> overHttp2(Target t, WebSocketHandler handler) {
        return http2Connection(t).thenCompose(h2 -> {
            if (h2 == null) {
                return overHttp1(t, handler);
            }
            CompletableFuture<WebSocketSession> open = h2.open(t.request(deflate), handler);
            open.whenComplete((session, failure) -> {
                if (session instanceof SessionApi api) {
                    api.channel().closeFuture().addListener(closed -> h2.releaseStream()); // the stream is in use until it closes
                } else {
                    h2.releaseStream();
                }
            });
            CompletableFuture<WebSocketSession> bounded = open.copy().orTimeout(options.handshakeTimeout().toMillis(), TimeUnit.MILLISECONDS);
            bounded.whenComplete((session, failure) -> {
                if (failure != null) {
                    open.thenAccept(late -> late.close(io.wsproto.CloseCode.GOING_AWAY, "the handshake took too long"));
                }
            });
            return bounded;
        });
    }

    /** A shared connection with room for a stream, or a new one; null when the server does not do RFC 8441 over h2. */
    private CompletableFuture<Http2WebSocketClient> http2Connection(Target t) {
        Origin origin = http2.computeIfAbsent(t.origin(), k -> new Origin());
        synchronized (origin) {
            if (origin.http1Only) {
                return CompletableFuture.completedFuture(null);
            }
            origin.live.removeIf(c -> !c.channel().isActive());
            for (Http2WebSocketClient c : origin.live) {
                if (c.reserveStream()) {
                    return CompletableFuture.completedFuture(c);
                }
            }
            if (origin.connecting != null && !origin.connecting.isDone()) {
                // Then choose again (it may be full already), or go to HTTP/1.1 with it.
                return origin.connecting.thenCompose(c -> c == null ? CompletableFuture.completedFuture(null) : http2Connection(t));
            }
            CompletableFuture<Http2WebSocketClient> connecting = connect(t, origin);
            origin.connecting = connecting;
            return connecting;
        }
    }

    private CompletableFuture<Http2WebSocketClient> connect(Target t, Origin origin) {
        return Http2WebSocketClient.connect(t.host(), t.port(), t.tls() ? tlsAnyProtocol : null, options, group)
                .handle((c, failure) -> {
                    if (failure != null) {
                        Throwable cause = failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
                        if (cause instanceof Http2WebSocketClient.NotHttp2Exception) {
                            LOG.log(System.Logger.Level.DEBUG, "{0}: {1}; using the HTTP/1.1 upgrade", t.origin(), cause.getMessage());
                            return http1Only(origin);
                        }
                        if (!t.tls()) {
                            LOG.log(System.Logger.Level.DEBUG, "{0}: h2c with prior knowledge failed ({1}); using the HTTP/1.1 upgrade",
                                    t.origin(), cause.toString());
                            return null;
                        }
                        throw new CompletionException(cause);
                    }
                    if (!c.connectProtocolEnabled()) {
                        LOG.log(System.Logger.Level.DEBUG, "{0}: the server did not enable RFC 8441 (SETTINGS_ENABLE_CONNECT_PROTOCOL); "
                                + "using the HTTP/1.1 upgrade on a new connection", t.origin());
                        c.channel().close(); // not close(): this runs on the event loop, which close() would wait for
                        return http1Only(origin);
                    }
                    synchronized (origin) {
                        origin.live.add(c);
                        c.reserveStream();
                    }
                    return c;
                });
    }

    private static Http2WebSocketClient http1Only(Origin origin) {
        synchronized (origin) {
            origin.http1Only = true;
        }
        return null;
    }

    private CompletableFuture<WebSocketSession> overHttp1(Target t, WebSocketHandler handler) {
        CompletableFuture<WebSocketSession> opened = new CompletableFuture<>();
        Request request = t.request(deflate);
        new Bootstrap().group(group).channel(NioSocketChannel.class)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) Math.min(Integer.MAX_VALUE, options.handshakeTimeout().toMillis()))
                .handler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        if (t.tls()) {
                            ch.pipeline().addLast(tlsHttp1.newHandler(ch.alloc(), t.host(), t.port()));
                        }
                        ch.pipeline().addLast(new Http1ClientHandler(request, handler, options, opened));
                    }
                })
                .connect(t.host(), t.port()).addListener(connected -> {
                    if (!connected.isSuccess()) {
                        opened.completeExceptionally(connected.cause());
                    }
                });
        return opened;
    }

    /** Closes every connection this client opened, and its threads. */
    @Override
    public void close() {
        for (Origin origin : http2.values()) {
            synchronized (origin) {
                origin.live.forEach(c -> c.channel().close());
                origin.live.clear();
            }
        }
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }
}
