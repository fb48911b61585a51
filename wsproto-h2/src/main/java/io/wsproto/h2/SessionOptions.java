package io.wsproto.h2;

import io.wsproto.Limits;
import io.wsproto.h1.HandshakeLimits;
import java.time.Duration;
import java.util.Objects;

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
 */
public record SessionOptions(Limits limits, Duration handshakeTimeout, Duration closeTimeout, boolean autoPong,
                             Duration idleTimeout, Duration pingInterval, HandshakeLimits handshakeLimits) {
    /** Core {@link Limits#DEFAULT}, 10 s handshake, 5 s close, auto-pong, 5 min idle, no keepalive pings, 8 KiB / 100-header heads. */
    public static final SessionOptions DEFAULT = new SessionOptions(Limits.DEFAULT, Duration.ofSeconds(10), Duration.ofSeconds(5), true,
            Duration.ofMinutes(5), Duration.ZERO, HandshakeLimits.DEFAULT);

    /**
     * Checks the settings.
     *
     * @throws IllegalArgumentException for a negative duration, or a zero handshake or close timeout
     */
    public SessionOptions {
        Objects.requireNonNull(limits, "limits");
        Objects.requireNonNull(handshakeLimits, "handshakeLimits");
        for (Duration d : new Duration[] {handshakeTimeout, closeTimeout, idleTimeout, pingInterval}) {
            if (d == null || d.isNegative()) {
                throw new IllegalArgumentException("timeouts must be zero or positive, got " + d);
            }
        }
        if (handshakeTimeout.isZero() || closeTimeout.isZero()) {
            throw new IllegalArgumentException("the handshake and close timeouts must be positive");
        }
    }

    /** These options with other core limits. */
    public SessionOptions withLimits(Limits value) {
        return new SessionOptions(value, handshakeTimeout, closeTimeout, autoPong, idleTimeout, pingInterval, handshakeLimits);
    }

    /** These options with another handshake timeout (positive). */
    public SessionOptions withHandshakeTimeout(Duration value) {
        return new SessionOptions(limits, value, closeTimeout, autoPong, idleTimeout, pingInterval, handshakeLimits);
    }

    /** These options with another close timeout (positive). */
    public SessionOptions withCloseTimeout(Duration value) {
        return new SessionOptions(limits, handshakeTimeout, value, autoPong, idleTimeout, pingInterval, handshakeLimits);
    }

    /** These options with or without automatic pongs. */
    public SessionOptions withAutoPong(boolean value) {
        return new SessionOptions(limits, handshakeTimeout, closeTimeout, value, idleTimeout, pingInterval, handshakeLimits);
    }

    /** These options with another idle timeout; zero for never. */
    public SessionOptions withIdleTimeout(Duration value) {
        return new SessionOptions(limits, handshakeTimeout, closeTimeout, autoPong, value, pingInterval, handshakeLimits);
    }

    /** These options with another keepalive ping interval; zero for no pings. */
    public SessionOptions withPingInterval(Duration value) {
        return new SessionOptions(limits, handshakeTimeout, closeTimeout, autoPong, idleTimeout, value, handshakeLimits);
    }

    /** These options with other HTTP/1.1 head limits. */
    public SessionOptions withHandshakeLimits(HandshakeLimits value) {
        return new SessionOptions(limits, handshakeTimeout, closeTimeout, autoPong, idleTimeout, pingInterval, value);
    }
}
