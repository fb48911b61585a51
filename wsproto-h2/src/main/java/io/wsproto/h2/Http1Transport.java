package io.wsproto.h2;

import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.wsproto.ConnectionState;
import java.nio.ByteBuffer;

/**
 * A server's WebSocket bytes raw on an HTTP/1.1 connection. Ending the output closes the TCP connection,
 * so it waits for the close handshake to complete: then the server closes first (RFC 6455 §7.1.1).
 */
final class Http1Transport implements Transport {
    private final Channel channel;

    Http1Transport(Channel channel) {
        this.channel = channel;
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
        return after == ConnectionState.CLOSED;
    }

    @Override
    public boolean waitsForPeerToEndFirst() {
        return false;
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
