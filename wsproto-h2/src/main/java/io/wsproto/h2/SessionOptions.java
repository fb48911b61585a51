package io.wsproto.h2;

import io.wsproto.Limits;
import io.wsproto.h1.HandshakeLimits;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.Executor;

/**
 * Settings of the WebSockets the Netty adapter runs. Start from {@link #DEFAULT} and change what you need
 * with the {@code with*} methods.
 *
 * @param limits the core's frame, message and buffer limits
 * @param handshakeTimeout how long a connection may take to say which protocol it speaks and, on
 *     HTTP/1.1, to deliver a complete upgrade request before it is closed (a client that dribbles its
 *     head forever holds nothing); TLS has its own handshake timeout in Netty's SslHandler, also 10 s
 * @param closeTimeout how long to wait for the peer's close reply or end of stream before resetting it
 * @param autoPong answer pings as they arrive
 * @param idleTimeout how long a WebSocket may receive nothing before it is closed with 1001; zero for never
 * @param pingInterval after this long without receiving anything, send a ping (keepalive: a live peer's
 *     pong keeps the WebSocket from the idle timeout); zero for no pings
 * @param handshakeLimits the size and header count of an HTTP/1.1 request head (a larger one is answered
 *     431); HTTP/2 headers are bounded by the HTTP/2 codec's header list size
 * @param executor where the {@link WebSocketHandler}'s callbacks run: null for the connection's event loop
 *     (the fastest, but a callback that blocks there stalls every WebSocket on that event loop, over HTTP/2
 *     every stream of the connection), or an executor, on which each session's callbacks run one at a time
 *     and in order while different sessions run in parallel; a virtual-thread executor suits handlers that
 *     block. While a session's callbacks are behind, its peer is not read.
 * @param maxQueuedOutboundBytes the most payload a session's messages may hold in sends not yet written
 *     (HTTP/2 flow control, a full socket); a send past it fails with {@link OutboundQueueFullException}
 *     and nothing is queued. Default 16 MiB.
 * @param closeOnOutboundOverflow whether a send past {@code maxQueuedOutboundBytes} also closes the
 *     WebSocket with 1008 (policy violation): for servers whose slow peers should go rather than skip messages
 * @param demand demand mode: messages are delivered, and the peer read, only as far as
 *     {@link WebSocketSession#request(long)} asked; off by default (everything is delivered as it arrives)
 * @param streaming deliver message parts to {@link WebSocketHandler#onEvent} as they arrive instead of
 *     assembling messages for {@code onText} / {@code onBinary}; the message-size limit then bounds each part,
 *     so a message may be of any length (see {@link Limits#perPart()})
 * @param metrics told of opens, closes, rejections, messages and ping round trips; {@link WebSocketMetrics#NONE} by default
 */
public record SessionOptions(Limits limits, Duration handshakeTimeout, Duration closeTimeout, boolean autoPong,
                             Duration idleTimeout, Duration pingInterval, HandshakeLimits handshakeLimits,
                             Executor executor, long maxQueuedOutboundBytes, boolean closeOnOutboundOverflow,
                             boolean demand, boolean streaming, WebSocketMetrics metrics) {
    /** The default {@link #maxQueuedOutboundBytes()}: 16 MiB. */
    public static final long DEFAULT_MAX_QUEUED_OUTBOUND_BYTES = 16L << 20;

    /**
     * Core {@link Limits#DEFAULT}, 10 s handshake, 5 s close, auto-pong, 5 min idle, no keepalive pings,
     * 8 KiB / 100-header heads, callbacks on the event loop, 16 MiB of queued sends (the send fails past it),
     * no demand mode, whole messages, no metrics.
     */
    public static final SessionOptions DEFAULT = new SessionOptions(Limits.DEFAULT, Duration.ofSeconds(10), Duration.ofSeconds(5), true,
            Duration.ofMinutes(5), Duration.ZERO, HandshakeLimits.DEFAULT, null, DEFAULT_MAX_QUEUED_OUTBOUND_BYTES, false,
            false, false, WebSocketMetrics.NONE);

    /**
     * Checks the settings.
     *
     * @throws IllegalArgumentException for a negative duration, a zero handshake or close timeout, or a queue bound below 1
     */
    public SessionOptions {
        Objects.requireNonNull(limits, "limits");
        Objects.requireNonNull(handshakeLimits, "handshakeLimits");
        Objects.requireNonNull(metrics, "metrics (WebSocketMetrics.NONE for none)");
        for (Duration d : new Duration[] {handshakeTimeout, closeTimeout, idleTimeout, pingInterval}) {
            if (d == null || d.isNegative()) {
                throw new IllegalArgumentException("timeouts must be zero or positive, got " + d);
            }
        }
        if (handshakeTimeout.isZero() || closeTimeout.isZero()) {
            throw new IllegalArgumentException("the handshake and close timeouts must be positive");
        }
        if (maxQueuedOutboundBytes < 1) {
            throw new IllegalArgumentException("maxQueuedOutboundBytes must be positive, got " + maxQueuedOutboundBytes);
        }
    }

    /** The limits of the core connection: per part when streaming. */
    Limits connectionLimits() {
        return streaming ? limits.withPerPart(true) : limits;
    }

    /** These options with other core limits. */
    public SessionOptions withLimits(Limits value) {
        return new SessionOptions(value, handshakeTimeout, closeTimeout, autoPong, idleTimeout, pingInterval, handshakeLimits,
                executor, maxQueuedOutboundBytes, closeOnOutboundOverflow, demand, streaming, metrics);
    }

    /** These options with another handshake timeout (positive). */
    public SessionOptions withHandshakeTimeout(Duration value) {
        return new SessionOptions(limits, value, closeTimeout, autoPong, idleTimeout, pingInterval, handshakeLimits,
                executor, maxQueuedOutboundBytes, closeOnOutboundOverflow, demand, streaming, metrics);
    }

    /** These options with another close timeout (positive). */
    public SessionOptions withCloseTimeout(Duration value) {
        return new SessionOptions(limits, handshakeTimeout, value, autoPong, idleTimeout, pingInterval, handshakeLimits,
                executor, maxQueuedOutboundBytes, closeOnOutboundOverflow, demand, streaming, metrics);
    }

    /** These options with or without automatic pongs. */
    public SessionOptions withAutoPong(boolean value) {
        return new SessionOptions(limits, handshakeTimeout, closeTimeout, value, idleTimeout, pingInterval, handshakeLimits,
                executor, maxQueuedOutboundBytes, closeOnOutboundOverflow, demand, streaming, metrics);
    }

    /** These options with another idle timeout; zero for never. */
    public SessionOptions withIdleTimeout(Duration value) {
        return new SessionOptions(limits, handshakeTimeout, closeTimeout, autoPong, value, pingInterval, handshakeLimits,
                executor, maxQueuedOutboundBytes, closeOnOutboundOverflow, demand, streaming, metrics);
    }

    /** These options with another keepalive ping interval; zero for no pings. */
    public SessionOptions withPingInterval(Duration value) {
        return new SessionOptions(limits, handshakeTimeout, closeTimeout, autoPong, idleTimeout, value, handshakeLimits,
                executor, maxQueuedOutboundBytes, closeOnOutboundOverflow, demand, streaming, metrics);
    }

    /** These options with other HTTP/1.1 head limits. */
    public SessionOptions withHandshakeLimits(HandshakeLimits value) {
        return new SessionOptions(limits, handshakeTimeout, closeTimeout, autoPong, idleTimeout, pingInterval, value,
                executor, maxQueuedOutboundBytes, closeOnOutboundOverflow, demand, streaming, metrics);
    }

    /** These options with the handler's callbacks run on {@code value} (one at a time per session, in order), or on the event loop for null. */
    public SessionOptions withExecutor(Executor value) {
        return new SessionOptions(limits, handshakeTimeout, closeTimeout, autoPong, idleTimeout, pingInterval, handshakeLimits,
                value, maxQueuedOutboundBytes, closeOnOutboundOverflow, demand, streaming, metrics);
    }

    /** These options with another bound on the bytes a session's sends may have queued (positive). */
    public SessionOptions withMaxQueuedOutboundBytes(long value) {
        return new SessionOptions(limits, handshakeTimeout, closeTimeout, autoPong, idleTimeout, pingInterval, handshakeLimits,
                executor, value, closeOnOutboundOverflow, demand, streaming, metrics);
    }

    /** These options with a full outbound queue closing the WebSocket with 1008 (true) or only failing the send (false). */
    public SessionOptions withCloseOnOutboundOverflow(boolean value) {
        return new SessionOptions(limits, handshakeTimeout, closeTimeout, autoPong, idleTimeout, pingInterval, handshakeLimits,
                executor, maxQueuedOutboundBytes, value, demand, streaming, metrics);
    }

    /** These options with demand mode on (deliver and read only what {@link WebSocketSession#request} asked for) or off. */
    public SessionOptions withDemand(boolean value) {
        return new SessionOptions(limits, handshakeTimeout, closeTimeout, autoPong, idleTimeout, pingInterval, handshakeLimits,
                executor, maxQueuedOutboundBytes, closeOnOutboundOverflow, value, streaming, metrics);
    }

    /** These options with message parts delivered as they arrive, unassembled, the size limit applying per part (true), or whole messages (false). */
    public SessionOptions withStreaming(boolean value) {
        return new SessionOptions(limits, handshakeTimeout, closeTimeout, autoPong, idleTimeout, pingInterval, handshakeLimits,
                executor, maxQueuedOutboundBytes, closeOnOutboundOverflow, demand, value, metrics);
    }

    /** These options with another metrics listener. */
    public SessionOptions withMetrics(WebSocketMetrics value) {
        return new SessionOptions(limits, handshakeTimeout, closeTimeout, autoPong, idleTimeout, pingInterval, handshakeLimits,
                executor, maxQueuedOutboundBytes, closeOnOutboundOverflow, demand, streaming, value);
    }
}
