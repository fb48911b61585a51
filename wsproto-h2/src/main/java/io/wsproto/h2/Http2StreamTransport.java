package io.wsproto.h2;

import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.handler.codec.http2.DefaultHttp2DataFrame;
import io.netty.handler.codec.http2.DefaultHttp2ResetFrame;
import io.netty.handler.codec.http2.Http2Error;
import java.nio.ByteBuffer;

/** A WebSocket's bytes in DATA frames of one HTTP/2 stream (RFC 8441 §5). */
final class Http2StreamTransport implements Transport {
    private final Channel stream;

    Http2StreamTransport(Channel stream) {
        this.stream = stream;
    }

    @Override
    public ChannelFuture write(ByteBuffer bytes, boolean endOutput) {
        return stream.writeAndFlush(new DefaultHttp2DataFrame(Unpooled.wrappedBuffer(bytes), endOutput));
    }

    @Override
    public void endOutput() {
        stream.writeAndFlush(new DefaultHttp2DataFrame(true));
    }

    @Override
    public void abort() {
        if (stream.isActive()) {
            stream.writeAndFlush(new DefaultHttp2ResetFrame(Http2Error.CANCEL));
        }
    }

    @Override
    public boolean isHttp2() {
        return true;
    }
}
