package io.wsproto.h2;

import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.handler.codec.http2.DefaultHttp2DataFrame;
import io.netty.handler.codec.http2.DefaultHttp2ResetFrame;
import io.netty.handler.codec.http2.Http2Error;
import io.wsproto.ConnectionState;
import io.wsproto.ConnectionType;
import java.nio.ByteBuffer;

/**
 * A WebSocket's bytes in DATA frames of one HTTP/2 stream (RFC 8441 §5).
 *
 * <p>Half-close: a server's own close ends its half in the same DATA frame, since HTTP/2 half-close still
 * lets the reply arrive. A client that closes first ends its half only after the server has ended its own:
 * some servers (hypercorn 0.13) drop their stream at the close and fail the whole connection on any later
 * frame for it.
 */
final class Http2StreamTransport implements Transport {
    private final Channel stream;
    private final ConnectionType role;

    Http2StreamTransport(Channel stream, ConnectionType role) {
        this.stream = stream;
        this.role = role;
        closeWithConnection(stream);
    }

    /**
     * Netty closes a stream channel whose connection is gone only once the stream's queued frames are read;
     * a session that is not reading (paused, without demand, its executor behind) would hold the stream and its
     * frames forever. So the stream closes with its connection, and the session ends with 1006 as it should.
     */
    private static void closeWithConnection(Channel stream) {
        Channel connection = stream.parent();
        if (connection == null) {
            return; // an EmbeddedChannel standing in for a stream
        }
        ChannelFutureListener closeStream = lost -> stream.close();
        connection.closeFuture().addListener(closeStream);
        stream.closeFuture().addListener(closed -> connection.closeFuture().removeListener(closeStream));
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
    public boolean endsOutputWith(ConnectionState after) {
        return after == ConnectionState.CLOSED
                || (after == ConnectionState.LOCAL_CLOSING && role == ConnectionType.SERVER);
    }

    @Override
    public boolean waitsForPeerToEndFirst() {
        return role == ConnectionType.CLIENT;
    }

    @Override
    public boolean expectsOrderlyEnd() {
        return true;
    }

    @Override
    public boolean isHttp2() {
        return true;
    }
}
