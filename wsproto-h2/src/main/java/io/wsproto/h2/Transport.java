package io.wsproto.h2;

import io.netty.channel.ChannelFuture;
import java.nio.ByteBuffer;

/** How a session's bytes travel: in DATA frames of an HTTP/2 stream, or raw on an HTTP/1.1 connection. */
interface Transport {
    /** Writes bytes; with {@code endOutput} also ends our half (HTTP/2: END_STREAM on the same DATA frame). */
    ChannelFuture write(ByteBuffer bytes, boolean endOutput);

    /** Ends our half without bytes: an empty DATA frame with END_STREAM, or closing the TCP connection. */
    void endOutput();

    /** Abandons the WebSocket: RST_STREAM (CANCEL), or closing the TCP connection. */
    void abort();

    boolean isHttp2();
}
