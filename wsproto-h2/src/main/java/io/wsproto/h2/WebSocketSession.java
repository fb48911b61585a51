package io.wsproto.h2;

import io.wsproto.ConnectionState;
import io.wsproto.events.Event;
import io.wsproto.events.Request;
import io.wsproto.extensions.Extension;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * One open WebSocket, over an HTTP/2 stream or an HTTP/1.1 connection. Methods may be called from any
 * thread; the work happens on the connection's event loop, and the futures complete when the bytes are
 * written (or fail with the reason they could not be).
 *
 * <p>Sends are bounded: while more than {@link SessionOptions#maxQueuedOutboundBytes()} of earlier messages
 * wait to be written, a send fails at once with {@link OutboundQueueFullException} and queues nothing. A
 * sender that waits for each future (or checks {@link #queuedBytes()}) never meets the bound.
 */
public interface WebSocketSession {
    /**
     * Sends a whole text message.
     *
     * @param text the message; read before this returns
     * @return completes when the frame is written; fails with {@link OutboundQueueFullException} when the queue is full
     */
    CompletableFuture<Void> sendText(CharSequence text);

    /**
     * Sends a whole binary message.
     *
     * @param data the message; not to be changed afterwards
     * @return completes when the frame is written; fails with {@link OutboundQueueFullException} when the queue is full
     */
    CompletableFuture<Void> sendBinary(byte[] data);

    /**
     * Sends a whole binary message from a buffer.
     *
     * @param data the message: its remaining bytes, copied before this returns (its position does not move),
     *     so the caller may reuse the buffer at once
     * @return completes when the frame is written; fails with {@link OutboundQueueFullException} when the queue is full
     */
    CompletableFuture<Void> sendBinary(ByteBuffer data);

    /**
     * Sends any event the core accepts: a message part (a fragment, for streaming a message out), a ping, a
     * pong, a close. Messages count against the outbound bound; control frames do not.
     *
     * @param event what to send
     * @return completes when the frame is written
     */
    CompletableFuture<Void> send(Event event);

    /**
     * The payload of this session's messages that is queued but not yet written: what a slow peer or a
     * closed HTTP/2 flow-control window holds back.
     *
     * @return bytes, UTF-8 for text
     */
    long queuedBytes();

    /**
     * In demand mode ({@link SessionOptions#demand()}), asks for {@code n} more messages (parts, when
     * streaming): the session delivers no more than the application asked for, and reads from the peer only
     * while demand remains, so a peer that sends faster meets TCP back-pressure (HTTP/1.1) or its stream's
     * flow-control window (HTTP/2). Pings, pongs and the close are not counted. Ignored without demand mode.
     *
     * @param n how many more, positive; demand adds up and saturates at {@code Long.MAX_VALUE}
     * @throws IllegalArgumentException when {@code n} is not positive
     */
    void request(long n);

    /**
     * The peer's address: the TCP connection's remote end (for HTTP/2, the connection that carries the stream).
     *
     * @return the address, or null when the connection is gone
     */
    SocketAddress remoteAddress();

    /** Starts the close handshake; {@link WebSocketHandler#onClose} follows when it completes or times out. */
    CompletableFuture<Void> close(int code, String reason);

    /** Whether writes go out now rather than waiting in buffers (HTTP/2 flow control, TCP back-pressure). */
    boolean isWritable();

    /** Stops reading from the peer (its flow-control window then fills) until {@link #resumeReading()}. */
    void pauseReading();

    /** Reads from the peer again after {@link #pauseReading()}. */
    void resumeReading();

    /**
     * Where the WebSocket stands.
     *
     * @return the core connection's state
     */
    ConnectionState state();

    /** The handshake request: the one received by a server, the one sent by a client. */
    Request request();

    /** The negotiated subprotocol, or null. */
    String subprotocol();

    /**
     * The extensions in use.
     *
     * @return the negotiated extensions, in order
     */
    List<Extension> extensions();

    /** Whether this WebSocket lives on an HTTP/2 stream (RFC 8441) rather than an HTTP/1.1 connection. */
    boolean isHttp2();
}
