package io.wsproto.h2;

import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.wsproto.ConnectionState;
import io.wsproto.ConnectionType;
import java.nio.ByteBuffer;

/**
 * A WebSocket's bytes raw on an HTTP/1.1 connection. Ending the output closes the TCP connection, so it
 * waits for the close handshake to complete, and then the server closes first (RFC 6455 §7.1.1): a server
 * closes as soon as the handshake completes, a client waits for the server to close (and is closed by
 * the close timer when it does not).
 */
final class Http1Transport implements Transport {
    private final Channel channel;
    private final ConnectionType role;

    Http1Transport(Channel channel, ConnectionType role) {
        this.channel = channel;
        this.role = role;
    }

    @Override
    public ChannelFuture write(ByteBuffer bytes, boolean endOutput) {
        ChannelFuture written = channel.writeAndFlush(Unpooled.wrappedBuffer(bytes));
        if (endOutput) {
            written.addListener(ChannelFutureListener.CLOSE);
        }
        return written;
    }

    @Override
    public void endOutput() {
        channel.writeAndFlush(Unpooled.EMPTY_BUFFER).addListener(ChannelFutureListener.CLOSE);
    }

    @Override
    public void abort() {
        channel.close();
    }

    @Override
    public boolean endsOutputWith(ConnectionState after) {
        return after == ConnectionState.CLOSED && role == ConnectionType.SERVER;
    }

    @Override
    public boolean waitsForPeerToEndFirst() {
        return role == ConnectionType.CLIENT;
    }

    @Override
    public boolean expectsOrderlyEnd() {
        return false;
    }

    @Override
    public boolean isHttp2() {
        return false;
    }
}
