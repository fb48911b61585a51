package io.wsproto.h2;

import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http2.DefaultHttp2DataFrame;
import io.netty.handler.codec.http2.DefaultHttp2HeadersFrame;
import io.netty.handler.codec.http2.Http2DataFrame;
import io.netty.handler.codec.http2.Http2HeadersFrame;
import io.netty.handler.codec.http2.Http2ResetFrame;
import io.netty.handler.codec.http2.Http2StreamChannelBootstrap;
import io.netty.util.ReferenceCountUtil;
import io.wsproto.events.Header;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** A bare HTTP/2 stream for tests that must send what our client never would. */
final class RawStream {
    /** What arrived: response headers, data (copied) or a reset. */
    record Received(List<Header> headers, byte[] data, boolean endStream, long resetCode) {
    }

    final BlockingQueue<Received> received = new LinkedBlockingQueue<>();
    final Channel stream;

    RawStream(Channel connection) throws Exception {
        stream = new Http2StreamChannelBootstrap(connection).handler(new ChannelInboundHandlerAdapter() {
            @Override
            public void channelRead(ChannelHandlerContext ctx, Object msg) {
                try {
                    if (msg instanceof Http2HeadersFrame h) {
                        received.add(new Received(NettyHeaders.toList(h.headers()), null, h.isEndStream(), -1));
                    } else if (msg instanceof Http2DataFrame d) {
                        received.add(new Received(null, ByteBufUtil.getBytes(d.content()), d.isEndStream(), -1));
                    } else if (msg instanceof Http2ResetFrame r) {
                        received.add(new Received(null, null, true, r.errorCode()));
                    }
                } finally {
                    ReferenceCountUtil.release(msg);
                }
            }
        }).open().get(10, TimeUnit.SECONDS);
    }

    void headers(List<Header> headers, boolean endStream) throws Exception {
        stream.writeAndFlush(new DefaultHttp2HeadersFrame(NettyHeaders.toNetty(headers), endStream)).get(10, TimeUnit.SECONDS);
    }

    void data(byte[] bytes, boolean endStream) throws Exception {
        stream.writeAndFlush(new DefaultHttp2DataFrame(Unpooled.wrappedBuffer(bytes), endStream)).get(10, TimeUnit.SECONDS);
    }

    Received next() throws InterruptedException {
        Received r = received.poll(10, TimeUnit.SECONDS);
        if (r == null) {
            throw new AssertionError("nothing arrived on the stream within 10 s");
        }
        return r;
    }
}
