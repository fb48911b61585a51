package io.wsproto.h2;

import io.wsproto.Limits;
import java.time.Duration;

/**
 * Settings of the WebSockets the Netty adapter runs.
 *
 * @param limits the core's frame, message and buffer limits
 * @param closeTimeout how long to wait for the peer's close reply or end of stream before resetting it
 * @param autoPong answer pings as they arrive
 */
public record SessionOptions(Limits limits, Duration closeTimeout, boolean autoPong) {
    public static final SessionOptions DEFAULT = new SessionOptions(Limits.DEFAULT, Duration.ofSeconds(5), true);

    public SessionOptions withLimits(Limits value) {
        return new SessionOptions(value, closeTimeout, autoPong);
    }

    public SessionOptions withCloseTimeout(Duration value) {
        return new SessionOptions(limits, value, autoPong);
    }
}
