package io.wsproto.h2;

import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import java.nio.ByteBuffer;

/**
 * A WebSocket's bytes raw on an HTTP/1.1 connection. Ending the output closes the TCP connection: the
 * server closes first once the close handshake is done (RFC 6455 §7.1.1).
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
    public boolean isHttp2() {
        return false;
    }
}
