package io.wsproto.h2;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.util.ReferenceCountUtil;
import io.wsproto.RemoteProtocolError;
import io.wsproto.h1.WSConnection;
import java.nio.ByteBuffer;

/**
 * wsproto-h1's {@link WSConnection} on a Netty connection, in either role: bytes feed the handshake until it
 * yields a session, then the session. The client and server handlers say what to do with the handshake's
 * events and with a peer that breaks its rules.
 */
abstract class Http1Handshaking extends ChannelInboundHandlerAdapter {
    final WSConnection ws;
    /** The WebSocket once the handshake succeeded, else null. */
    NettySession session;

    Http1Handshaking(WSConnection ws) {
        this.ws = ws;
    }

    /** The handshake took in bytes: look at its events. */
    abstract void onHandshakeProgress(ChannelHandlerContext ctx);

    /** The peer broke the handshake's rules. */
    abstract void onBadHandshake(ChannelHandlerContext ctx, RemoteProtocolError bad);

    @Override
    public final void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (!(msg instanceof ByteBuf bytes)) {
            ReferenceCountUtil.release(msg);
            return;
        }
        if (session != null) {
            session.onData(bytes, false); // takes ownership
            return;
        }
        try {
            for (ByteBuffer nio : bytes.nioBuffers()) {
                ws.receiveData(nio);
            }
        } catch (RemoteProtocolError bad) {
            onBadHandshake(ctx, bad);
            return;
        } finally {
            bytes.release();
        }
        onHandshakeProgress(ctx);
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) {
        if (session != null) {
            session.onWritabilityChanged(ctx.channel().isWritable());
        }
    }
}
