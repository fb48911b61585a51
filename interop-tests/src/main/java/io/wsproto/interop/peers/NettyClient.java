package io.wsproto.interop.peers;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.ContinuationWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PingWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PongWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketClientProtocolConfig;
import io.netty.handler.codec.http.websocketx.WebSocketClientProtocolHandler;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrameAggregator;
import io.netty.handler.codec.http.websocketx.extensions.compression.WebSocketClientCompressionHandler;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import java.net.URI;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** Netty 4.2's HTTP/1.1 WebSocket client (WebSocketClientHandshaker13 through the protocol handler). */
public final class NettyClient implements EchoClient {
    private static final int MAX = 2 << 20;
    private final EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
    private final BlockingQueue<Object> received = new LinkedBlockingQueue<>();
    private final CompletableFuture<Void> handshake = new CompletableFuture<>();
    private final CompletableFuture<Integer> closeReply = new CompletableFuture<>();
    private final Channel channel;
    private boolean sendingText;
    private boolean sendingBinary;

    /** ws:// or wss:// (HTTP/1.1 over TLS, trusting only the shared test identity). */
    public NettyClient(String uri, boolean deflate) throws Exception {
        URI target = URI.create(uri);
        SslContext tls = target.getScheme().equals("wss")
                ? SslContextBuilder.forClient().trustManager(PeerTls.IDENTITY.certificate()).build() : null;
        channel = new Bootstrap().group(group).channel(NioSocketChannel.class)
                .handler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        if (tls != null) {
                            ch.pipeline().addLast(tls.newHandler(ch.alloc(), target.getHost(), target.getPort()));
                        }
                        ch.pipeline().addLast(new HttpClientCodec(), new HttpObjectAggregator(65536));
                        if (deflate) {
                            ch.pipeline().addLast(new WebSocketClientCompressionHandler(MAX));
                        }
                        ch.pipeline().addLast(new WebSocketClientProtocolHandler(WebSocketClientProtocolConfig.newBuilder()
                                        .webSocketUri(target).allowExtensions(true).maxFramePayloadLength(MAX)
                                        .handleCloseFrames(false).dropPongFrames(false).build()),
                                new WebSocketFrameAggregator(MAX), new Collector());
                    }
                })
                .connect(target.getHost(), target.getPort()).sync().channel();
        handshake.get(10, TimeUnit.SECONDS);
    }

    private final class Collector extends SimpleChannelInboundHandler<WebSocketFrame> {
        @Override
        public void userEventTriggered(ChannelHandlerContext ctx, Object evt) throws Exception {
            if (evt == WebSocketClientProtocolHandler.ClientHandshakeStateEvent.HANDSHAKE_COMPLETE) {
                handshake.complete(null);
            }
            super.userEventTriggered(ctx, evt);
        }

        @Override
        protected void channelRead0(ChannelHandlerContext ctx, WebSocketFrame frame) {
            if (frame instanceof TextWebSocketFrame t) {
                received.add(t.text());
            } else if (frame instanceof BinaryWebSocketFrame || frame instanceof PongWebSocketFrame) {
                byte[] bytes = ByteBufUtil.getBytes(frame.content());
                received.add(frame instanceof PongWebSocketFrame ? new PongReceived(bytes) : bytes);
            } else if (frame instanceof CloseWebSocketFrame close) {
                closeReply.complete(close.statusCode());
            }
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            handshake.completeExceptionally(cause);
            received.add(cause);
            ctx.close();
        }
    }

    private void write(WebSocketFrame frame) throws Exception {
        channel.writeAndFlush(frame).get(10, TimeUnit.SECONDS);
    }

    @Override
    public void sendText(String text, boolean last) throws Exception {
        write(sendingText ? new ContinuationWebSocketFrame(last, 0, text) : new TextWebSocketFrame(last, 0, text));
        sendingText = !last;
    }

    @Override
    public void sendBinary(byte[] data, boolean last) throws Exception {
        write(sendingBinary ? new ContinuationWebSocketFrame(last, 0, Unpooled.wrappedBuffer(data))
                : new BinaryWebSocketFrame(last, 0, Unpooled.wrappedBuffer(data)));
        sendingBinary = !last;
    }

    @Override
    public void ping(byte[] payload) throws Exception {
        write(new PingWebSocketFrame(Unpooled.wrappedBuffer(payload)));
    }

    @Override
    public Object next() throws Exception {
        return EchoClient.take(received);
    }

    @Override
    public int closeAndAwaitReply(int code) throws Exception {
        write(new CloseWebSocketFrame(code, ""));
        return closeReply.get(10, TimeUnit.SECONDS);
    }

    @Override
    public boolean deflateNegotiated() {
        return channel.pipeline().names().stream().anyMatch(n -> n.contains("Deflate"));
    }

    @Override
    public void close() {
        channel.close().syncUninterruptibly();
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS);
    }

    @Override
    public String toString() {
        return "Netty 4.2 client";
    }
}
