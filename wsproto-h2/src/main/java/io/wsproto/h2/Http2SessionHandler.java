package io.wsproto.h2;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http2.Http2DataFrame;
import io.netty.handler.codec.http2.Http2HeadersFrame;
import io.netty.handler.codec.http2.Http2ResetFrame;
import io.netty.util.ReferenceCountUtil;

/** The frames of an open WebSocket stream, handed to its session. */
final class Http2SessionHandler extends ChannelInboundHandlerAdapter {
    private static final System.Logger LOG = System.getLogger(Http2SessionHandler.class.getName());
    private final NettySession session;

    Http2SessionHandler(NettySession session) {
        this.session = session;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof Http2DataFrame data) {
            session.onData(data.content(), data.isEndStream()); // takes ownership of the content
        } else if (msg instanceof Http2HeadersFrame trailers) {
            if (trailers.isEndStream()) {
                session.onInputEnded();
            }
        } else if (msg instanceof Http2ResetFrame reset) {
            session.onTransportLost("stream reset by the peer with error code " + reset.errorCode());
        } else {
            ReferenceCountUtil.release(msg);
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        Throwable connectionFailure = ConnectionErrors.of(ctx.channel().parent());
        if (connectionFailure != null) {
            session.onTransportFailed(connectionFailure);
        }
        session.onTransportLost("stream closed");
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) {
        session.onWritabilityChanged(ctx.channel().isWritable());
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        LOG.log(System.Logger.Level.DEBUG, "WebSocket stream failed", cause);
        session.onTransportFailed(cause);
        session.onTransportLost(cause.toString());
        ctx.close();
    }
}
