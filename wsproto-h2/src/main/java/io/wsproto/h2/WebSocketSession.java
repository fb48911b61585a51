package io.wsproto.h2;

import io.wsproto.ConnectionState;
import io.wsproto.events.Event;
import io.wsproto.events.Request;
import io.wsproto.extensions.Extension;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * One open WebSocket, over an HTTP/2 stream or an HTTP/1.1 connection. Methods may be called from any
 * thread; the work happens on the connection's event loop, and the futures complete when the bytes are
 * written (or fail with the reason they could not be).
 */
public interface WebSocketSession {
    /**
     * Sends a whole text message.
     *
     * @param text the message
     * @return completes when the frame is written
     */
    CompletableFuture<Void> sendText(String text);

    /**
     * Sends a whole binary message.
     *
     * @param data the message; not to be changed afterwards
     * @return completes when the frame is written
     */
    CompletableFuture<Void> sendBinary(byte[] data);

    /** Sends any event the core accepts: a message part, a ping, a pong, a close. */
    CompletableFuture<Void> send(Event event);

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
