package io.wsproto.h2;

import io.wsproto.Limits;
import java.time.Duration;

/**
 * Settings of the WebSockets the Netty adapter runs.
 *
 * @param limits the core's frame, message and buffer limits
 * @param handshakeTimeout how long an HTTP/1.1 connection may take to deliver a complete upgrade
 *     request before it is closed (a client that dribbles its head forever holds nothing); TLS has
 *     its own handshake timeout in Netty's SslHandler, also 10 s
 * @param closeTimeout how long to wait for the peer's close reply or end of stream before resetting it
 * @param autoPong answer pings as they arrive
 */
public record SessionOptions(Limits limits, Duration handshakeTimeout, Duration closeTimeout, boolean autoPong) {
    public static final SessionOptions DEFAULT = new SessionOptions(Limits.DEFAULT, Duration.ofSeconds(10), Duration.ofSeconds(5), true);

    public SessionOptions withLimits(Limits value) {
        return new SessionOptions(value, handshakeTimeout, closeTimeout, autoPong);
    }

    public SessionOptions withHandshakeTimeout(Duration value) {
        return new SessionOptions(limits, value, closeTimeout, autoPong);
    }

    public SessionOptions withCloseTimeout(Duration value) {
        return new SessionOptions(limits, handshakeTimeout, value, autoPong);
    }
}
