package io.wsproto.interop.conformance;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http2.DefaultHttp2DataFrame;
import io.netty.handler.codec.http2.DefaultHttp2Headers;
import io.netty.handler.codec.http2.DefaultHttp2HeadersFrame;
import io.netty.handler.codec.http2.Http2DataFrame;
import io.netty.handler.codec.http2.Http2FrameCodecBuilder;
import io.netty.handler.codec.http2.Http2Headers;
import io.netty.handler.codec.http2.Http2HeadersFrame;
import io.netty.handler.codec.http2.Http2MultiplexHandler;
import io.netty.handler.codec.http2.Http2ResetFrame;
import io.netty.handler.codec.http2.Http2StreamChannelBootstrap;
import io.netty.util.ReferenceCountUtil;
import io.wsproto.h2.Http2WebSocketClient;
import io.wsproto.h2.Http2WebSocketServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A WebSocket on one HTTP/2 stream (RFC 8441), its bytes carried in DATA frames. The HTTP/2 layer is
 * Netty's; the extended CONNECT and everything above it is the tester's own.
 */
final class H2Wire implements Wire {
    private final Channel stream;
    private final BlockingQueue<Object> arrived;
    private final AutoCloseable owner;

    private H2Wire(Channel stream, BlockingQueue<Object> arrived, AutoCloseable owner) {
        this.stream = stream;
        this.arrived = arrived;
        this.owner = owner;
    }

    /** The response to an extended CONNECT, and the wire if it was 2xx. */
    record Opened(H2Wire wire, int status, String extensions) {
    }

    /** Opens an h2c connection to a server under test and one extended CONNECT stream on it. */
    static Opened connect(int port, String path, String extensions) throws Exception {
        Http2WebSocketClient connection = Http2WebSocketClient.connect("127.0.0.1", port, null).get(10, TimeUnit.SECONDS);
        BlockingQueue<Object> arrived = new LinkedBlockingQueue<>();
        CompletableFuture<Http2Headers> response = new CompletableFuture<>();
        Channel stream;
        try {
            stream = new Http2StreamChannelBootstrap(connection.channel()).handler(new Collector(arrived, response)).open()
                    .get(10, TimeUnit.SECONDS);
            Http2Headers request = new DefaultHttp2Headers().method("CONNECT").scheme("http").path(path).authority("127.0.0.1:" + port);
            request.set(Http2Headers.PseudoHeaderName.PROTOCOL.value(), "websocket");
            request.add("sec-websocket-version", "13");
            if (extensions != null) {
                request.add("sec-websocket-extensions", extensions);
            }
            stream.writeAndFlush(new DefaultHttp2HeadersFrame(request, false)).sync();
            Http2Headers headers = response.get(10, TimeUnit.SECONDS);
            int status = Integer.parseInt(headers.status().toString());
            CharSequence ext = headers.get("sec-websocket-extensions");
            H2Wire wire = new H2Wire(stream, arrived, connection);
            if (status / 100 != 2) {
                wire.close();
                return new Opened(null, status, null);
            }
            return new Opened(wire, status, ext == null ? null : ext.toString());
        } catch (Exception e) {
            connection.close();
            throw e;
        }
    }

    /** Gathers a stream's response headers, DATA, end and reset. */
    private static final class Collector extends ChannelInboundHandlerAdapter {
        private final BlockingQueue<Object> arrived;
        private final CompletableFuture<Http2Headers> headers;

        Collector(BlockingQueue<Object> arrived, CompletableFuture<Http2Headers> headers) {
            this.arrived = arrived;
            this.headers = headers;
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            try {
                if (msg instanceof Http2HeadersFrame h && !headers.isDone()) {
                    headers.complete(h.headers());
                    if (h.isEndStream()) {
                        arrived.add(new Seen.End("END_STREAM with the headers"));
                    }
                } else if (msg instanceof Http2DataFrame d) {
                    if (d.content().isReadable()) {
                        arrived.add(ByteBufUtil.getBytes(d.content()));
                    }
                    if (d.isEndStream()) {
                        arrived.add(new Seen.End("END_STREAM"));
                    }
                } else if (msg instanceof Http2ResetFrame r) {
                    arrived.add(new Seen.End("RST_STREAM " + r.errorCode()));
                    headers.completeExceptionally(new IOException("the stream was reset with error " + r.errorCode()));
                }
            } finally {
                ReferenceCountUtil.release(msg);
            }
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            arrived.add(new Seen.End("stream closed"));
            headers.completeExceptionally(new IOException("the stream closed before a response"));
        }
    }

    /**
     * A tester HTTP/2 server for clients under test: SETTINGS_ENABLE_CONNECT_PROTOCOL = 1, and every
     * stream handed over, with its request headers, to the case that answers it.
     */
    static final class Server implements AutoCloseable {
        private final EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
        private final Channel listener;
        private final BlockingQueue<Request> requests = new LinkedBlockingQueue<>();

        /** An extended CONNECT from a client under test, waiting for the tester's response. */
        record Request(Http2Headers headers, Channel stream, BlockingQueue<Object> arrived) {
            /** Answers with {@code status}; a 2xx opens the wire. */
            H2Wire respond(int status, String extensions) throws Exception {
                Http2Headers response = new DefaultHttp2Headers().status(Integer.toString(status));
                if (extensions != null) {
                    response.add("sec-websocket-extensions", extensions);
                }
                stream.writeAndFlush(new DefaultHttp2HeadersFrame(response, status / 100 != 2)).sync();
                return new H2Wire(stream, arrived, null);
            }

            String header(String name) {
                CharSequence v = headers.get(name);
                return v == null ? null : v.toString();
            }
        }

        Server() throws InterruptedException {
            listener = new ServerBootstrap().group(group).channel(NioServerSocketChannel.class)
                    .childHandler(new ChannelInitializer<SocketChannel>() {
                        @Override
                        protected void initChannel(SocketChannel ch) {
                            ch.pipeline().addLast(Http2FrameCodecBuilder.forServer().initialSettings(Http2WebSocketServer.settings()).build(),
                                    new Http2MultiplexHandler(new ChannelInitializer<Channel>() {
                                        @Override
                                        protected void initChannel(Channel stream) {
                                            stream.pipeline().addLast(new Accepting());
                                        }
                                    }));
                        }
                    }).bind(new InetSocketAddress("127.0.0.1", 0)).sync().channel();
        }

        int port() {
            return ((InetSocketAddress) listener.localAddress()).getPort();
        }

        /** The next client stream, or null if none arrives within {@code millis}. */
        Request next(long millis) throws InterruptedException {
            return requests.poll(millis, TimeUnit.MILLISECONDS);
        }

        private final class Accepting extends ChannelInboundHandlerAdapter {
            private final BlockingQueue<Object> arrived = new LinkedBlockingQueue<>();
            private boolean seenHeaders;

            @Override
            public void channelRead(ChannelHandlerContext ctx, Object msg) {
                try {
                    if (msg instanceof Http2HeadersFrame h && !seenHeaders) {
                        seenHeaders = true;
                        requests.add(new Request(h.headers(), ctx.channel(), arrived));
                    } else if (msg instanceof Http2DataFrame d) {
                        if (d.content().isReadable()) {
                            arrived.add(ByteBufUtil.getBytes(d.content()));
                        }
                        if (d.isEndStream()) {
                            arrived.add(new Seen.End("END_STREAM"));
                        }
                    } else if (msg instanceof Http2ResetFrame r) {
                        arrived.add(new Seen.End("RST_STREAM " + r.errorCode()));
                    }
                } finally {
                    ReferenceCountUtil.release(msg);
                }
            }

            @Override
            public void channelInactive(ChannelHandlerContext ctx) {
                arrived.add(new Seen.End("stream closed"));
            }
        }

        @Override
        public void close() {
            listener.close().syncUninterruptibly();
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
        }
    }

    @Override
    public void write(byte[] bytes) throws IOException {
        try {
            stream.writeAndFlush(new DefaultHttp2DataFrame(Unpooled.wrappedBuffer(bytes), false)).get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IOException("could not write to the stream: " + e, e);
        }
    }

    @Override
    public Object read(long millis) throws InterruptedException {
        Object next = arrived.poll(millis, TimeUnit.MILLISECONDS);
        if (next instanceof Seen.End) {
            arrived.add(next); // the end stays the end
        }
        return next;
    }

    @Override
    public void end() {
        if (stream.isActive()) {
            stream.writeAndFlush(new DefaultHttp2DataFrame(true));
        }
    }

    @Override
    public void close() {
        stream.close();
        if (owner != null) {
            try {
                owner.close();
            } catch (Exception ignored) {
                // closing anyway
            }
        }
    }
}
