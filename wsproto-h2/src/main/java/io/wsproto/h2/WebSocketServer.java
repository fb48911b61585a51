package io.wsproto.h2;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.handler.codec.http2.DefaultHttp2GoAwayFrame;
import io.netty.handler.codec.http2.Http2Error;
import io.netty.handler.codec.http2.Http2FrameCodec;
import io.netty.util.concurrent.GlobalEventExecutor;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.ByteToMessageDecoder;
import io.netty.handler.codec.http2.Http2CodecUtil;
import io.netty.handler.ssl.ApplicationProtocolNames;
import io.netty.handler.ssl.ApplicationProtocolNegotiationHandler;
import io.netty.handler.ssl.SslContext;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A ready WebSocket server on Netty: a plaintext port that takes both HTTP/1.1 upgrades and h2c with prior
 * knowledge (told apart by the HTTP/2 connection preface), and a TLS port that offers ALPN {@code h2} and
 * {@code http/1.1}. WebSockets over HTTP/2 use extended CONNECT (RFC 8441); over HTTP/1.1 the upgrade of
 * RFC 6455 §4.
 *
 * <pre>{@code
 * WebSocketServer server = WebSocketServer.builder()
 *         .routes(new WebSocketRoutes().add("/echo", request -> new AcceptConnection(), EchoHandler::new))
 *         .plaintext("127.0.0.1", 8080)
 *         .tls(8443, Tls.server(Tls.Identity.fromKeyStore(Path.of("server.p12"), password, "server"), Tls.Provider.JDK))
 *         .start();
 * }</pre>
 */
public final class WebSocketServer implements AutoCloseable {
    private final EventLoopGroup boss;
    private final EventLoopGroup workers;
    private final Channel plaintext;
    private final Channel tls;
    private final ChannelGroup connections;
    private final SessionRegistry sessions;
    private final SessionOptions options;

    private WebSocketServer(EventLoopGroup boss, EventLoopGroup workers, Channel plaintext, Channel tls,
                            ChannelGroup connections, SessionRegistry sessions, SessionOptions options) {
        this.boss = boss;
        this.workers = workers;
        this.plaintext = plaintext;
        this.tls = tls;
        this.connections = connections;
        this.sessions = sessions;
        this.options = options;
    }

    /**
     * A builder for a server.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /** What to serve and where. */
    public static final class Builder {
        private WebSocketRoutes routes = new WebSocketRoutes();
        private ChannelHandler otherStreams;
        private HttpResponder responder = HttpResponder.NOT_FOUND;
        private SessionOptions options = SessionOptions.DEFAULT;
        private String host = "127.0.0.1";
        private int plaintextPort = -1;
        private int tlsPort = -1;
        private SslContext sslContext;
        private int threads = Runtime.getRuntime().availableProcessors();
        private boolean http2WebSockets = true;
        private long maxConcurrentStreams = Http2WebSocketPipeline.MAX_CONCURRENT_STREAMS;

        /**
         * The paths to accept WebSockets on.
         *
         * @param value the routes
         * @return this builder
         */
        public Builder routes(WebSocketRoutes value) {
            routes = value;
            return this;
        }

        /** A sharable Netty handler for HTTP/2 streams that are not WebSocket requests, instead of the responder. */
        public Builder otherStreams(ChannelHandler value) {
            otherStreams = value;
            return this;
        }

        /** Answers ordinary HTTP requests on both HTTP/1.1 and HTTP/2; by default they get 404. */
        public Builder httpResponder(HttpResponder value) {
            responder = value;
            return this;
        }

        /**
         * The timeouts and limits of every connection and WebSocket.
         *
         * @param value the options
         * @return this builder
         */
        public Builder options(SessionOptions value) {
            options = value;
            return this;
        }

        /** Listen for HTTP/1.1 and h2c on this address; port 0 picks a free port. */
        public Builder plaintext(String bindHost, int port) {
            host = bindHost;
            plaintextPort = port;
            return this;
        }

        /** Listen for TLS on this port of the same host, with a context from {@link Tls#server}. */
        public Builder tls(int port, SslContext context) {
            tlsPort = port;
            sslContext = context;
            return this;
        }

        /**
         * How many event loop threads serve connections; by default one per core.
         *
         * @param value the number of threads
         * @return this builder
         */
        public Builder threads(int value) {
            threads = value;
            return this;
        }

        /**
         * Whether WebSockets may open over HTTP/2 (RFC 8441); on by default. Off, the server's SETTINGS do
         * not enable the connect protocol, HTTP/2 still serves ordinary requests, and WebSocket clients use
         * the HTTP/1.1 upgrade (ALPN {@code http/1.1} over TLS).
         *
         * @param value false to turn WebSockets over HTTP/2 off
         * @return this builder
         */
        public Builder http2WebSockets(boolean value) {
            http2WebSockets = value;
            return this;
        }

        /**
         * How many streams (WebSockets and requests) a client may have open at once on one HTTP/2 connection
         * (SETTINGS_MAX_CONCURRENT_STREAMS); 1,000 by default.
         *
         * @param value the limit
         * @return this builder
         */
        public Builder maxConcurrentStreams(long value) {
            maxConcurrentStreams = value;
            return this;
        }

        /**
         * Binds the ports and starts serving.
         *
         * @return the running server
         * @throws InterruptedException when interrupted while binding
         */
        public WebSocketServer start() throws InterruptedException {
            WebSocketAcceptor acceptor = new WebSocketAcceptor(routes, responder, options);
            ChannelHandler otherStreams = this.otherStreams != null ? this.otherStreams : new Http2ResponderHandler(acceptor);
            io.netty.handler.codec.http2.Http2Settings http2 = Http2WebSocketPipeline.settings().connectProtocolEnabled(http2WebSockets)
                    .maxConcurrentStreams(maxConcurrentStreams);
            EventLoopGroup boss = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
            EventLoopGroup workers = new MultiThreadIoEventLoopGroup(threads, NioIoHandler.newFactory());
            ChannelGroup connections = new DefaultChannelGroup(GlobalEventExecutor.INSTANCE);
            SessionRegistry sessions = new SessionRegistry();
            try {
                Channel plain = plaintextPort < 0 ? null : bind(boss, workers, plaintextPort, new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        ch.attr(SessionRegistry.KEY).set(sessions);
                        connections.add(ch);
                        ch.pipeline().addLast(Http2WebSocketPipeline.flushConsolidation(), new PrefaceSniffer(acceptor, otherStreams, http2));
                    }
                });
                Channel secure = tlsPort < 0 ? null : bind(boss, workers, tlsPort, new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        ch.attr(SessionRegistry.KEY).set(sessions);
                        connections.add(ch);
                        ch.pipeline().addLast(sslContext.newHandler(ch.alloc()), Http2WebSocketPipeline.flushConsolidation(),
                                new AlpnSwitch(acceptor, otherStreams, http2));
                    }
                });
                return new WebSocketServer(boss, workers, plain, secure, connections, sessions, options);
            } catch (InterruptedException | RuntimeException e) {
                boss.shutdownGracefully();
                workers.shutdownGracefully();
                throw e;
            }
        }

        private Channel bind(EventLoopGroup boss, EventLoopGroup workers, int port, ChannelInitializer<SocketChannel> init)
                throws InterruptedException {
            return new ServerBootstrap().group(boss, workers).channel(NioServerSocketChannel.class)
                    .childHandler(init).bind(host, port).sync().channel();
        }
    }

    /** Plaintext: the HTTP/2 connection preface means h2c with prior knowledge; anything else is HTTP/1.1. */
    private static final class PrefaceSniffer extends ByteToMessageDecoder {
        private static final byte[] PREFACE = io.netty.buffer.ByteBufUtil.getBytes(Http2CodecUtil.connectionPrefaceBuf());
        private final WebSocketAcceptor acceptor;
        private final ChannelHandler otherStreams;
        private final io.netty.handler.codec.http2.Http2Settings http2;

        PrefaceSniffer(WebSocketAcceptor acceptor, ChannelHandler otherStreams, io.netty.handler.codec.http2.Http2Settings http2) {
            this.acceptor = acceptor;
            this.otherStreams = otherStreams;
            this.http2 = http2;
        }

        /** A connection that never says which protocol it speaks is closed at the handshake timeout. */
        @Override
        public void handlerAdded(ChannelHandlerContext ctx) {
            ctx.executor().schedule(() -> {
                if (ctx.pipeline().context(this) != null) {
                    ctx.close();
                }
            }, acceptor.options().handshakeTimeout().toMillis(), TimeUnit.MILLISECONDS);
        }

        @Override
        protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
            int n = Math.min(in.readableBytes(), PREFACE.length);
            for (int i = 0; i < n; i++) {
                if (in.getByte(in.readerIndex() + i) != PREFACE[i]) {
                    ctx.pipeline().addAfter(ctx.name(), null, new Http1WebSocketHandler(acceptor));
                    ctx.pipeline().remove(this);
                    return;
                }
            }
            if (n == PREFACE.length) {
                // Add the HTTP/2 handlers behind this one first: removing it passes them the bytes it holds.
                ChannelPipeline p = ctx.pipeline();
                Http2WebSocketPipeline.configure(p, acceptor, otherStreams, http2);
                p.remove(this);
            }
        }
    }

    /** TLS: ALPN h2 gets HTTP/2 (RFC 8441); http/1.1, or no ALPN, gets the HTTP/1.1 upgrade. */
    private static final class AlpnSwitch extends ApplicationProtocolNegotiationHandler {
        private final WebSocketAcceptor acceptor;
        private final ChannelHandler otherStreams;
        private final io.netty.handler.codec.http2.Http2Settings http2;

        AlpnSwitch(WebSocketAcceptor acceptor, ChannelHandler otherStreams, io.netty.handler.codec.http2.Http2Settings http2) {
            super(ApplicationProtocolNames.HTTP_1_1);
            this.acceptor = acceptor;
            this.otherStreams = otherStreams;
            this.http2 = http2;
        }

        @Override
        protected void configurePipeline(ChannelHandlerContext ctx, String protocol) {
            if (ApplicationProtocolNames.HTTP_2.equals(protocol)) {
                Http2WebSocketPipeline.configure(ctx.pipeline(), acceptor, otherStreams, http2);
            } else {
                ctx.pipeline().addLast(new Http1WebSocketHandler(acceptor));
            }
        }
    }

    /** The plaintext port, or -1. */
    public int plaintextPort() {
        return plaintext == null ? -1 : ((InetSocketAddress) plaintext.localAddress()).getPort();
    }

    /** The TLS port, or -1. */
    public int tlsPort() {
        return tls == null ? -1 : ((InetSocketAddress) tls.localAddress()).getPort();
    }

    /** How many WebSockets are open now. */
    public int openWebSockets() {
        return sessions.size();
    }

    /**
     * Shuts down gracefully: stops accepting, tells every HTTP/2 connection GOAWAY (no new streams), closes
     * every open WebSocket with 1001, waits up to the close timeout for their close handshakes, then
     * closes what is left.
     */
    @Override
    public void close() {
        if (plaintext != null) {
            plaintext.close().syncUninterruptibly();
        }
        if (tls != null) {
            tls.close().syncUninterruptibly();
        }
        for (Channel c : connections) {
            c.eventLoop().execute(() -> {
                if (c.pipeline().get(Http2FrameCodec.class) != null) {
                    c.writeAndFlush(new DefaultHttp2GoAwayFrame(Http2Error.NO_ERROR));
                }
            });
        }
        sessions.goAway("server shutting down");
        long deadline = System.nanoTime() + options.closeTimeout().toNanos() + TimeUnit.MILLISECONDS.toNanos(500);
        while (!sessions.isEmpty() && System.nanoTime() < deadline) {
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        connections.close().awaitUninterruptibly(1, TimeUnit.SECONDS);
        boss.shutdownGracefully(0, 1, TimeUnit.SECONDS);
        workers.shutdownGracefully(0, 1, TimeUnit.SECONDS);
    }
}
