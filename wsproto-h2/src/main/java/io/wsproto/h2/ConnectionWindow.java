package io.wsproto.h2;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http2.Http2Connection;
import io.netty.handler.codec.http2.Http2Exception;
import io.netty.handler.codec.http2.Http2FrameCodec;
import io.netty.handler.codec.http2.Http2LocalFlowController;

/**
 * Grows the connection-level receive window from HTTP/2's initial 64 KiB (which only WINDOW_UPDATE can
 * change, RFC 9113 §6.9.2) to {@link #SIZE} once the connection is up. With many WebSockets on a
 * connection, 64 KiB is less than one message per stream in flight, and every sender would keep waiting
 * for window updates; the per-stream window and back-pressure still bound each stream.
 *
 * <p>Netty's {@code Http2FrameCodec} already widens the connection window when the initial settings carry
 * SETTINGS_INITIAL_WINDOW_SIZE (to twice the stream window); this handler tops it up to exactly
 * {@link #SIZE}, counting what the codec granted.
 */
final class ConnectionWindow extends ChannelInboundHandlerAdapter {
    /** What a peer may send on the whole connection before we read it. */
    static final int SIZE = 4 << 20;

    private final Http2FrameCodec codec;
    private boolean grown;

    ConnectionWindow(Http2FrameCodec codec) {
        this.codec = codec;
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) throws Http2Exception {
        if (ctx.channel().isActive()) {
            grow(ctx); // a server's pipeline is built on a connection that is already up
        }
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) throws Http2Exception {
        ctx.fireChannelActive(); // the codec before us has sent its preface
        grow(ctx);
    }

    private void grow(ChannelHandlerContext ctx) throws Http2Exception {
        if (grown) {
            return;
        }
        grown = true;
        Http2Connection connection = codec.connection();
        Http2LocalFlowController flow = connection.local().flowController();
        int missing = SIZE - flow.windowSize(connection.connectionStream());
        if (missing > 0) {
            flow.incrementWindowSize(connection.connectionStream(), missing);
            ctx.flush();
        }
    }
}
