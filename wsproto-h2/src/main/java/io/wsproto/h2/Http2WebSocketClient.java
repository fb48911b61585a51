package io.wsproto.h2;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.codec.http2.DefaultHttp2HeadersFrame;
import io.netty.handler.codec.http2.Http2DataFrame;
import io.netty.handler.codec.http2.Http2HeadersFrame;
import io.netty.handler.codec.http2.Http2FrameCodec;
import io.netty.handler.codec.http2.Http2MultiplexHandler;
import io.netty.handler.codec.http2.Http2ResetFrame;
import io.netty.handler.codec.http2.Http2Settings;
import io.netty.handler.codec.http2.Http2SettingsFrame;
import io.netty.handler.codec.http2.Http2StreamChannelBootstrap;
import io.netty.handler.ssl.ApplicationProtocolNames;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslHandler;
import io.netty.util.ReferenceCountUtil;
import io.wsproto.Connection;
import io.wsproto.ConnectionType;
import io.wsproto.RemoteProtocolError;
import io.wsproto.events.AcceptConnection;
import io.wsproto.events.Event;
import io.wsproto.events.RejectConnection;
import io.wsproto.events.Request;
import io.wsproto.h1.HandshakeRejectedException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * The client side of RFC 8441 on Netty: one HTTP/2 connection (h2c with prior knowledge, or TLS with ALPN
 * h2) carrying any number of WebSockets, each on its own stream.
 *
 * <pre>{@code
 * try (Http2WebSocketClient h2 = Http2WebSocketClient.connect("127.0.0.1", 8080, null).get()) {
 *     WebSocketSession ws = h2.open(new Request("127.0.0.1:8080", "/echo"), handler).get();
 *     ws.sendText("hello");
 * }
 * }</pre>
 *
 * It waits for the server's SETTINGS and refuses to open a WebSocket unless the server advertised
 * SETTINGS_ENABLE_CONNECT_PROTOCOL = 1 (RFC 8441 §3).
 */
public final class Http2WebSocketClient implements AutoCloseable {
    private final EventLoopGroup group;
    private final boolean ownsGroup;
    private final Channel channel;
    private final boolean tls;
    private final Http2Settings serverSettings;
    private final SessionOptions options;

    private Http2WebSocketClient(EventLoopGroup group, boolean ownsGroup, Channel channel, boolean tls,
                                 Http2Settings serverSettings, SessionOptions options) {
        this.group = group;
        this.ownsGroup = ownsGroup;
        this.channel = channel;
        this.tls = tls;
        this.serverSettings = serverSettings;
        this.options = options;
    }

    /** Connects with its own event loop thread. {@code sslContext} null means h2c with prior knowledge. */
    public static CompletableFuture<Http2WebSocketClient> connect(String host, int port, SslContext sslContext) {
        return connect(host, port, sslContext, SessionOptions.DEFAULT, null);
    }

    /**
     * @param sslContext a client context offering ALPN h2 (see {@link Tls}), or null for h2c
     * @param group the event loop group to use, or null for a new one-thread group closed with the client
     */
    public static CompletableFuture<Http2WebSocketClient> connect(String host, int port, SslContext sslContext,
                                                                  SessionOptions options, EventLoopGroup group) {
        boolean owns = group == null;
        EventLoopGroup loop = owns ? new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory()) : group;
        CompletableFuture<Connected> settings = new CompletableFuture<>();
        CompletableFuture<Http2WebSocketClient> result = new CompletableFuture<>();
        Bootstrap bootstrap = new Bootstrap().group(loop).channel(NioSocketChannel.class)
                .handler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        if (sslContext != null) {
                            ch.pipeline().addLast(sslContext.newHandler(ch.alloc(), host, port));
                        }
                        Http2FrameCodec codec = new ClientFrameCodecBuilder(
                                new Http2Settings().initialWindowSize(Http2WebSocketPipeline.INITIAL_WINDOW_SIZE)).build();
                        ch.pipeline().addLast(Http2WebSocketPipeline.flushConsolidation(), codec, new ConnectionWindow(codec),
                                new Http2MultiplexHandler(new ChannelInboundHandlerAdapter()),
                                new SettingsWatcher(settings));
                    }
                });
        bootstrap.connect(host, port).addListener(connected -> {
            if (!connected.isSuccess()) {
                settings.completeExceptionally(connected.cause());
            }
        });
        // The TCP connect, the TLS handshake and the server's SETTINGS, all within the handshake timeout.
        settings.orTimeout(options.handshakeTimeout().toMillis(), TimeUnit.MILLISECONDS).whenComplete((s, failure) -> {
            if (failure != null) {
                if (owns) {
                    loop.shutdownGracefully(0, 1, TimeUnit.SECONDS);
                }
                result.completeExceptionally(failure);
            } else {
                result.complete(new Http2WebSocketClient(loop, owns, s.channel(), sslContext != null, s.settings(), options));
            }
        });
        return result;
    }

    /** A connection whose server has sent its SETTINGS. */
    private record Connected(Channel channel, Http2Settings settings) {
    }

    /** Captures the server's first SETTINGS, and checks that TLS chose h2. */
    private static final class SettingsWatcher extends ChannelInboundHandlerAdapter {
        private final CompletableFuture<Connected> settings;

        SettingsWatcher(CompletableFuture<Connected> settings) {
            this.settings = settings;
        }

        @Override
        public void channelActive(ChannelHandlerContext ctx) throws Exception {
            SslHandler ssl = ctx.pipeline().get(SslHandler.class);
            if (ssl != null) {
                ssl.handshakeFuture().addListener(done -> {
                    if (done.isSuccess() && !ApplicationProtocolNames.HTTP_2.equals(ssl.applicationProtocol())) {
                        settings.completeExceptionally(new NotHttp2Exception("the server did not choose h2 by ALPN (got "
                                + ssl.applicationProtocol() + ")"));
                        ctx.close();
                    } else if (!done.isSuccess()) {
                        settings.completeExceptionally(done.cause());
                    }
                });
            }
            super.channelActive(ctx);
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            if (msg instanceof Http2SettingsFrame frame && !settings.isDone()) {
                settings.complete(new Connected(ctx.channel(), frame.settings()));
            }
            ReferenceCountUtil.release(msg);
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            settings.completeExceptionally(new IOException("the connection closed before the server's SETTINGS"));
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            settings.completeExceptionally(cause);
            ConnectionErrors.record(ctx.channel(), cause); // the streams' sessions report it as they close
            ctx.close();
        }
    }

    /** The server chose another protocol than h2 by ALPN: a {@link WebSocketClient} falls back to HTTP/1.1. */
    static final class NotHttp2Exception extends IOException {
        private static final long serialVersionUID = 1L;

        NotHttp2Exception(String message) {
            super(message);
        }
    }

    /** The streams a {@link WebSocketClient} has reserved on this connection and not yet seen close. */
    private final java.util.concurrent.atomic.AtomicInteger reserved = new java.util.concurrent.atomic.AtomicInteger();

    /**
     * Reserves room for one more WebSocket if there is any: the connection is open, the server has not sent
     * GOAWAY, and the reserved streams stay within the server's SETTINGS_MAX_CONCURRENT_STREAMS.
     * {@link #releaseStream} gives the reservation back when the stream closes, or when it never opened.
     */
    boolean reserveStream() {
        if (!channel.isActive()) {
            return false;
        }
        io.netty.handler.codec.http2.Http2Connection connection = channel.pipeline().get(Http2FrameCodec.class).connection();
        if (connection.goAwayReceived()) {
            return false;
        }
        int limit = connection.local().maxActiveStreams();
        while (true) {
            int now = reserved.get();
            if (now >= limit) {
                return false;
            }
            if (reserved.compareAndSet(now, now + 1)) {
                return true;
            }
        }
    }

    void releaseStream() {
        reserved.decrementAndGet();
    }

    /** Whether the server advertised SETTINGS_ENABLE_CONNECT_PROTOCOL = 1. */
    public boolean connectProtocolEnabled() {
        return Boolean.TRUE.equals(serverSettings.connectProtocolEnabled());
    }

    /**
     * Opens a WebSocket on a new stream. The future fails with {@link HandshakeRejectedException} for a
     * non-2xx response, {@link RemoteProtocolError} for a response that breaks the rules, and
     * {@link IOException} when the server cannot carry WebSockets over HTTP/2.
     */
    public CompletableFuture<WebSocketSession> open(Request request, WebSocketHandler handler) {
        CompletableFuture<WebSocketSession> opened = new CompletableFuture<>();
        if (!connectProtocolEnabled()) {
            opened.completeExceptionally(new IOException("the server did not send SETTINGS_ENABLE_CONNECT_PROTOCOL = 1, "
                    + "so it cannot carry WebSockets over HTTP/2 (RFC 8441 §3)"));
            return opened;
        }
        new Http2StreamChannelBootstrap(channel).handler(new ClientStream(request, handler, opened)).open()
                .addListener(f -> {
                    if (!f.isSuccess()) {
                        opened.completeExceptionally(f.cause());
                    }
                });
        return opened;
    }

    /** One client stream: sends the extended CONNECT, reads the response, then runs the session. */
    private final class ClientStream extends ChannelInboundHandlerAdapter {
        private final Request request;
        private final WebSocketHandler handler;
        private final CompletableFuture<WebSocketSession> opened;
        private RejectConnection rejection;
        private final ByteArrayOutputStream rejectionBody = new ByteArrayOutputStream();

        ClientStream(Request request, WebSocketHandler handler, CompletableFuture<WebSocketSession> opened) {
            this.request = request;
            this.handler = handler;
            this.opened = opened;
        }

        @Override
        public void channelActive(ChannelHandlerContext ctx) {
            try {
                String scheme = tls ? "https" : "http";
                ctx.writeAndFlush(new DefaultHttp2HeadersFrame(
                        NettyHeaders.toNetty(ExtendedConnect.requestHeaders(request, scheme)), false));
            } catch (RuntimeException e) {
                opened.completeExceptionally(e);
                ctx.close();
            }
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            try {
                if (msg instanceof Http2HeadersFrame headers && rejection == null) {
                    onResponse(ctx, headers);
                } else if (msg instanceof Http2DataFrame data && rejection != null) {
                    int keep = Math.min(data.content().readableBytes(), 4096 - rejectionBody.size());
                    rejectionBody.writeBytes(ByteBufUtil.getBytes(data.content(), data.content().readerIndex(), keep));
                    if (data.isEndStream()) {
                        failRejected();
                    }
                } else if (msg instanceof Http2ResetFrame reset) {
                    opened.completeExceptionally(new IOException("the server reset the stream (error " + reset.errorCode() + ")"));
                }
            } finally {
                ReferenceCountUtil.release(msg);
            }
        }

        private void onResponse(ChannelHandlerContext ctx, Http2HeadersFrame headers) {
            Event response;
            try {
                response = ExtendedConnect.readResponse(request, NettyHeaders.toList(headers.headers()), headers.isEndStream());
            } catch (RemoteProtocolError e) {
                opened.completeExceptionally(e);
                new Http2StreamTransport(ctx.channel(), ConnectionType.CLIENT).abort();
                return;
            }
            if (response instanceof RejectConnection r) {
                rejection = r;
                if (!r.hasBody()) {
                    failRejected();
                }
                return;
            }
            AcceptConnection accepted = (AcceptConnection) response;
            Connection connection = new Connection(ConnectionType.CLIENT, accepted.extensions(), options.connectionLimits());
            NettySession session = new NettySession(ctx.channel(), connection, new Http2StreamTransport(ctx.channel(), ConnectionType.CLIENT),
                    handler, options, request, accepted.subprotocol());
            ctx.pipeline().replace(this, "websocket", new Http2SessionHandler(session));
            opened.complete(session);
            session.open();
        }

        private void failRejected() {
            opened.completeExceptionally(new HandshakeRejectedException(rejection.statusCode(), rejection.headers(),
                    rejectionBody.toByteArray()));
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            opened.completeExceptionally(new IOException("the stream closed before the handshake completed"));
        }
    }

    /**
     * The HTTP/2 connection's channel. Other streams can share the connection with the WebSockets: open them
     * with Netty's {@code new Http2StreamChannelBootstrap(client.channel())} (ordinary requests, say).
     */
    public Channel channel() {
        return channel;
    }

    @Override
    public void close() {
        channel.close().syncUninterruptibly();
        if (ownsGroup) {
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS);
        }
    }
}
