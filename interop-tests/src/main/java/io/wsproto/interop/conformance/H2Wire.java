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
import io.wsproto.h2.Http2WebSocketPipeline;
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
        Collector collector = new Collector();
        Channel stream;
        try {
            stream = new Http2StreamChannelBootstrap(connection.channel()).handler(collector).open().get(10, TimeUnit.SECONDS);
            Http2Headers request = new DefaultHttp2Headers().method("CONNECT").scheme("http").path(path).authority("127.0.0.1:" + port);
            request.set(Http2Headers.PseudoHeaderName.PROTOCOL.value(), "websocket");
            request.add("sec-websocket-version", "13");
            if (extensions != null) {
                request.add("sec-websocket-extensions", extensions);
            }
            stream.writeAndFlush(new DefaultHttp2HeadersFrame(request, false)).sync();
            Http2Headers headers = collector.response.get(10, TimeUnit.SECONDS);
            int status = Integer.parseInt(headers.status().toString());
            CharSequence ext = headers.get("sec-websocket-extensions");
            H2Wire wire = new H2Wire(stream, collector.arrived, connection);
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

    /**
     * Queues what arrives on one stream: DATA as bytes, and its end (END_STREAM, a reset, or the stream
     * closing) as a {@link Seen.End}. The stream's first HEADERS, the response for a client or the request
     * for a server, goes to {@link #headers}.
     */
    private abstract static class StreamReader extends ChannelInboundHandlerAdapter {
        final BlockingQueue<Object> arrived = new LinkedBlockingQueue<>();
        private boolean seenHeaders;

        abstract void headers(ChannelHandlerContext ctx, Http2Headers headers);

        /** The stream ended; {@code how} says in which way. */
        void ended(String how) {
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            try {
                if (msg instanceof Http2HeadersFrame h && !seenHeaders) {
                    seenHeaders = true;
                    headers(ctx, h.headers());
                    if (h.isEndStream()) {
                        end("END_STREAM with the headers");
                    }
                } else if (msg instanceof Http2DataFrame d) {
                    if (d.content().isReadable()) {
                        arrived.add(ByteBufUtil.getBytes(d.content()));
                    }
                    if (d.isEndStream()) {
                        end("END_STREAM");
                    }
                } else if (msg instanceof Http2ResetFrame r) {
                    end("RST_STREAM " + r.errorCode());
                }
            } finally {
                ReferenceCountUtil.release(msg);
            }
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            end("stream closed");
        }

        private void end(String how) {
            arrived.add(new Seen.End(how));
            ended(how);
        }
    }

    /** A client stream: its response headers complete a future; an end before them fails it. */
    private static final class Collector extends StreamReader {
        final CompletableFuture<Http2Headers> response = new CompletableFuture<>();

        @Override
        void headers(ChannelHandlerContext ctx, Http2Headers headers) {
            response.complete(headers);
        }

        @Override
        void ended(String how) {
            response.completeExceptionally(new IOException("the stream ended before a response: " + how));
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
                            ch.pipeline().addLast(Http2FrameCodecBuilder.forServer().initialSettings(Http2WebSocketPipeline.settings()).build(),
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

        /** A stream opened by the client under test: handed, with its request, to the case that answers it. */
        private final class Accepting extends StreamReader {
            @Override
            void headers(ChannelHandlerContext ctx, Http2Headers headers) {
                requests.add(new Request(headers, ctx.channel(), arrived));
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
