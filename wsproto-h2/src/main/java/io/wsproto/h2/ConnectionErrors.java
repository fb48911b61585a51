package io.wsproto.h2;

import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.util.AttributeKey;

/**
 * The end of an HTTP/2 connection's pipeline: a connection that fails (an I/O error, a TLS failure) is closed,
 * and its first failure is kept on the channel, so that each WebSocket stream, closed with it, can tell its
 * application why ({@link WebSocketHandler#onError}).
 */
@ChannelHandler.Sharable
final class ConnectionErrors extends ChannelInboundHandlerAdapter {
    static final ConnectionErrors INSTANCE = new ConnectionErrors();
    private static final System.Logger LOG = System.getLogger(ConnectionErrors.class.getName());
    private static final AttributeKey<Throwable> FAILURE = AttributeKey.valueOf(ConnectionErrors.class, "failure");

    private ConnectionErrors() {
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        LOG.log(System.Logger.Level.DEBUG, "HTTP/2 connection failed: {0}", cause.toString());
        record(ctx.channel(), cause);
        ctx.close();
    }

    /** Keeps the first failure of a connection. */
    static void record(Channel connection, Throwable cause) {
        connection.attr(FAILURE).setIfAbsent(cause);
    }

    /** The failure that closed this connection, or null (also for a connection that simply closed). */
    static Throwable of(Channel connection) {
        return connection == null ? null : connection.attr(FAILURE).get();
    }
}
