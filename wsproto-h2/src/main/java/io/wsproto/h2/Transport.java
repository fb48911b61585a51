package io.wsproto.h2;

import io.netty.channel.ChannelFuture;
import io.wsproto.ConnectionState;
import java.nio.ByteBuffer;

/**
 * How a session's bytes travel, and who ends which half when: in DATA frames of an HTTP/2 stream, or raw
 * on an HTTP/1.1 connection. The half-close policy of each transport lives in its implementation, so the
 * session never asks which transport it has.
 */
interface Transport {
    /** Writes bytes; with {@code endOutput} also ends our half (HTTP/2: END_STREAM on the same DATA frame). */
    ChannelFuture write(ByteBuffer bytes, boolean endOutput);

    /** Ends our half without bytes: an empty DATA frame with END_STREAM, or closing the TCP connection. */
    void endOutput();

    /** Abandons the WebSocket: RST_STREAM (CANCEL), or closing the TCP connection. */
    void abort();

    /** Whether the frame that left the connection in state {@code after} also ends our half. */
    boolean endsOutputWith(ConnectionState after);

    /** Whether, the close frames exchanged, this side waits for the peer to end its half before ending its own. */
    boolean waitsForPeerToEndFirst();

    /**
     * Whether a peer that drops the transport after a completed close handshake, without ending its half,
     * is worth a log line (HTTP/2 streams should end with END_STREAM; a TCP connection simply closes).
     */
    boolean expectsOrderlyEnd();

    boolean isHttp2();
}
