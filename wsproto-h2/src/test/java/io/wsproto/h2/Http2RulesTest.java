package io.wsproto.h2;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
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
import io.netty.handler.codec.http2.Http2FrameCodecBuilder;
import io.netty.handler.codec.http2.Http2HeadersFrame;
import io.netty.handler.codec.http2.Http2MultiplexHandler;
import io.netty.util.ReferenceCountUtil;
import io.wsproto.events.AcceptConnection;
import io.wsproto.events.Header;
import io.wsproto.events.Request;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** RFC 8441 on the wire: settings, shared connections, one bad stream, half-closed streams. */
@org.junit.jupiter.api.extension.ExtendWith(NettyLeaks.class)
@Timeout(60)
class Http2RulesTest {
    static final BlockingQueue<TestHandlers.Closed> SERVER_CLOSES = new LinkedBlockingQueue<>();
    static WebSocketServer server;

    /** Ordinary requests on the same connection: GET answers 200 "plain response". */
    @ChannelHandler.Sharable
    static final class PlainGet extends ChannelInboundHandlerAdapter {
        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            if (msg instanceof Http2HeadersFrame h && h.isEndStream()) {
                ctx.write(new DefaultHttp2HeadersFrame(new DefaultHttp2Headers().status("200"), false));
                ctx.writeAndFlush(new DefaultHttp2DataFrame(Unpooled.copiedBuffer("plain response", StandardCharsets.UTF_8), true));
            }
            ReferenceCountUtil.release(msg);
        }
    }

    @BeforeAll
    static void start() throws Exception {
        server = WebSocketServer.builder()
                .routes(new WebSocketRoutes().add("/echo", r -> new AcceptConnection(), () -> new TestHandlers.Echo(SERVER_CLOSES))
                        .add("/broken", r -> {
                            throw new IllegalStateException("the application's decision failed");
                        }, () -> new TestHandlers.Echo(SERVER_CLOSES))
                        .add("/unoffered", r -> new AcceptConnection("never-offered", List.of(), List.of()),
                                () -> new TestHandlers.Echo(SERVER_CLOSES)))
                .otherStreams(new PlainGet())
                .options(SessionOptions.DEFAULT.withHandshakeTimeout(java.time.Duration.ofMillis(500)))
                .plaintext("127.0.0.1", 0).threads(1).start();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    static Http2WebSocketClient connect() throws Exception {
        return Http2WebSocketClient.connect("127.0.0.1", server.plaintextPort(), null).get(10, TimeUnit.SECONDS);
    }

    static List<Header> connectHeaders() {
        return List.of(new Header(":method", "CONNECT"), new Header(":protocol", "websocket"), new Header(":scheme", "http"),
                new Header(":path", "/echo"), new Header(":authority", "localhost"), new Header("sec-websocket-version", "13"));
    }

    /** A masked client frame, as Frames in the core tests builds it. */
    static byte[] maskedFrame(int firstByte, byte[] payload) {
        byte[] key = {1, 2, 3, 4};
        byte[] out = new byte[6 + payload.length];
        out[0] = (byte) firstByte;
        out[1] = (byte) (0x80 | payload.length);
        System.arraycopy(key, 0, out, 2, 4);
        for (int i = 0; i < payload.length; i++) {
            out[6 + i] = (byte) (payload[i] ^ key[i & 3]);
        }
        return out;
    }

    @Test
    void ordinaryRequestsShareTheConnectionWithWebSockets() throws Exception {
        try (Http2WebSocketClient h2 = connect()) {
            TestHandlers.Collector c = new TestHandlers.Collector();
            WebSocketSession ws = h2.open(new Request("localhost", "/echo"), c).get(10, TimeUnit.SECONDS);
            RawStream get = new RawStream(h2.channel());
            get.headers(List.of(new Header(":method", "GET"), new Header(":scheme", "http"), new Header(":path", "/"),
                    new Header(":authority", "localhost")), true);
            assertEquals("200", ExtendedConnect.value(get.next().headers(), ":status"));
            assertEquals("plain response", new String(get.next().data(), StandardCharsets.UTF_8));
            ws.sendText("and the WebSocket still works");
            assertEquals("and the WebSocket still works", c.next());
        }
    }

    @Test
    void clientRefusesAServerThatDidNotEnableConnectProtocol() throws Exception {
        EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
        try {
            Channel plainH2 = new ServerBootstrap().group(group).channel(NioServerSocketChannel.class)
                    .childHandler(new ChannelInitializer<SocketChannel>() {
                        @Override
                        protected void initChannel(SocketChannel ch) {
                            ch.pipeline().addLast(Http2FrameCodecBuilder.forServer().build(),
                                    new Http2MultiplexHandler(new PlainGet()));
                        }
                    }).bind("127.0.0.1", 0).sync().channel();
            int port = ((InetSocketAddress) plainH2.localAddress()).getPort();
            try (Http2WebSocketClient h2 = Http2WebSocketClient.connect("127.0.0.1", port, null).get(10, TimeUnit.SECONDS)) {
                assertFalse(h2.connectProtocolEnabled());
                ExecutionException e = assertThrows(ExecutionException.class,
                        () -> h2.open(new Request("localhost", "/echo"), new TestHandlers.Collector()).get(10, TimeUnit.SECONDS));
                assertTrue(e.getCause().getMessage().contains("SETTINGS_ENABLE_CONNECT_PROTOCOL"), e.getCause().getMessage());
            }
        } finally {
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS);
        }
    }

    @Test
    void clientToleratesContentLengthOnTheConnectResponse() throws Exception {
        EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
        try {
            // A server like Jetty 12: 200 with content-length: 0 (which RFC 9110 §9.3.6 forbids), then WebSocket data.
            ChannelHandler answering = new ChannelInboundHandlerAdapter() {
                @Override
                public void channelRead(ChannelHandlerContext ctx, Object msg) {
                    if (msg instanceof Http2HeadersFrame) {
                        ctx.write(new DefaultHttp2HeadersFrame(new DefaultHttp2Headers().status("200").addInt("content-length", 0), false));
                        ctx.writeAndFlush(new DefaultHttp2DataFrame(Unpooled.wrappedBuffer(new byte[] {(byte) 0x81, 0x02, 'h', 'i'}), false));
                    }
                    ReferenceCountUtil.release(msg);
                }

                @Override
                public boolean isSharable() {
                    return true;
                }
            };
            Channel quirky = new ServerBootstrap().group(group).channel(NioServerSocketChannel.class)
                    .childHandler(new ChannelInitializer<SocketChannel>() {
                        @Override
                        protected void initChannel(SocketChannel ch) {
                            ch.pipeline().addLast(Http2FrameCodecBuilder.forServer().initialSettings(Http2WebSocketPipeline.settings()).build(),
                                    new Http2MultiplexHandler(answering));
                        }
                    }).bind("127.0.0.1", 0).sync().channel();
            int port = ((InetSocketAddress) quirky.localAddress()).getPort();
            try (Http2WebSocketClient h2 = Http2WebSocketClient.connect("127.0.0.1", port, null).get(10, TimeUnit.SECONDS)) {
                TestHandlers.Collector c = new TestHandlers.Collector();
                h2.open(new Request("localhost", "/echo"), c).get(10, TimeUnit.SECONDS);
                assertEquals("hi", c.next(), "the WebSocket data after the 200 is delivered");
            }
        } finally {
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS);
        }
    }

    @Test
    void aProtocolErrorClosesOnlyItsOwnStream() throws Exception {
        SERVER_CLOSES.clear();
        try (Http2WebSocketClient h2 = connect()) {
            TestHandlers.Collector good = new TestHandlers.Collector();
            WebSocketSession ws = h2.open(new Request("localhost", "/echo"), good).get(10, TimeUnit.SECONDS);
            RawStream bad = new RawStream(h2.channel());
            bad.headers(connectHeaders(), false);
            assertEquals("200", ExtendedConnect.value(bad.next().headers(), ":status"));
            bad.data(new byte[] {(byte) 0x81, 0x02, 'h', 'i'}, false); // unmasked from a client: 1002
            RawStream.Received close = bad.next();
            assertEquals(0x88, close.data()[0] & 0xFF);
            assertEquals(1002, ((close.data()[2] & 0xFF) << 8) | (close.data()[3] & 0xFF));
            assertTrue(close.endStream(), "the close frame ends the server's half");
            assertEquals(1002, SERVER_CLOSES.poll(10, TimeUnit.SECONDS).code());
            ws.sendText("unaffected");
            assertEquals("unaffected", good.next());
        }
    }

    @Test
    void closeReplyIsSentOnAStreamThePeerAlreadyEnded() throws Exception {
        SERVER_CLOSES.clear();
        try (Http2WebSocketClient h2 = connect()) {
            RawStream browser = new RawStream(h2.channel());
            browser.headers(connectHeaders(), false);
            assertEquals("200", ExtendedConnect.value(browser.next().headers(), ":status"));
            // As headless Chromium does: its close frame, then END_STREAM at once, before our reply.
            browser.data(maskedFrame(0x88, new byte[] {0x03, (byte) 0xE8}), true);
            RawStream.Received reply = browser.next();
            assertArrayEquals(new byte[] {(byte) 0x88, 0x02, 0x03, (byte) 0xE8}, reply.data(), "our close reply, 1000");
            assertTrue(reply.endStream());
            assertEquals(1000, SERVER_CLOSES.poll(10, TimeUnit.SECONDS).code());
        }
    }

    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(strings = {"/broken", "/unoffered"})
    void aFailedAcceptDecisionIs500AndTheConnectionCarriesOn(String path) throws Exception {
        try (Http2WebSocketClient h2 = connect()) {
            ExecutionException e = assertThrows(ExecutionException.class,
                    () -> h2.open(new Request("localhost", path), new TestHandlers.Collector()).get(10, TimeUnit.SECONDS));
            assertEquals(500, ((io.wsproto.h1.HandshakeRejectedException) e.getCause()).status());
            TestHandlers.Collector c = new TestHandlers.Collector();
            h2.open(new Request("localhost", "/echo"), c).get(10, TimeUnit.SECONDS).sendText("still serving");
            assertEquals("still serving", c.next());
        }
        io.wsproto.h1.HandshakeRejectedException h1 = assertThrows(io.wsproto.h1.HandshakeRejectedException.class,
                () -> io.wsproto.h1.BlockingWebSocket.connect(java.net.URI.create("ws://127.0.0.1:" + server.plaintextPort() + path),
                        new io.wsproto.h1.WebSocketOptions()));
        assertEquals(500, h1.status(), "the same over HTTP/1.1");
    }

    @Test
    void aClientThatDribblesItsRequestForeverIsClosedAtTheHandshakeTimeout() throws Exception {
        try (java.net.Socket slow = new java.net.Socket("127.0.0.1", server.plaintextPort())) {
            slow.setSoTimeout(5000);
            slow.getOutputStream().write("GET /echo HTTP/1.1\r\nHost: x\r\n".getBytes(StandardCharsets.US_ASCII));
            long start = System.nanoTime();
            assertEquals(-1, slow.getInputStream().read(), "the server closed the connection");
            long waited = java.util.concurrent.TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
            assertTrue(waited >= 300 && waited < 4000, "closed at the 500 ms handshake timeout, after " + waited + " ms");
        }
    }

    @Test
    void aClientThatSendsNothingIsClosedAtTheHandshakeTimeout() throws Exception {
        try (java.net.Socket silent = new java.net.Socket("127.0.0.1", server.plaintextPort())) {
            silent.setSoTimeout(5000);
            assertEquals(-1, silent.getInputStream().read(), "the server closed the silent connection");
        }
    }

    @Test
    void badRequestOnAStreamIs400WithTheReason() throws Exception {
        try (Http2WebSocketClient h2 = connect()) {
            RawStream stream = new RawStream(h2.channel());
            List<Header> headers = new java.util.ArrayList<>(connectHeaders());
            headers.set(5, new Header("sec-websocket-version", "8"));
            stream.headers(headers, false);
            RawStream.Received response = stream.next();
            assertEquals("400", ExtendedConnect.value(response.headers(), ":status"));
            assertEquals("13", ExtendedConnect.value(response.headers(), "sec-websocket-version"));
            assertTrue(new String(stream.next().data(), StandardCharsets.UTF_8).contains("8 is not supported"));
        }
    }
}
