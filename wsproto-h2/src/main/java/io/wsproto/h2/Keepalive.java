package io.wsproto.h2;

import io.netty.util.concurrent.EventExecutor;
import io.netty.util.concurrent.ScheduledFuture;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * The idle timeout and keepalive pings of one WebSocket, counted from the last input: after
 * {@code pingInterval} of quiet it asks for a ping, after {@code idleTimeout} for a close. One timer, at
 * the nearest deadline; zero turns either off. Time is the event loop's ticker. Event loop only.
 */
final class Keepalive {
    private final EventExecutor loop;
    private final long idle;
    private final long pingInterval;
    /** Whether the WebSocket is open and can still send: once closing, the close timer is in charge. */
    private final BooleanSupplier canSend;
    /**
     * Whether the session is reading. While it is not, by the application's choice (paused, no demand, its
     * executor behind), quiet says nothing of the peer, so the idle clock starts again instead of closing.
     */
    private final BooleanSupplier reading;
    private final Runnable ping;
    private final Runnable closeIdle;
    private long lastReceived;
    private long lastPing;
    private ScheduledFuture<?> timer;
    private boolean stopped;

    Keepalive(EventExecutor loop, Duration idleTimeout, Duration pingInterval, BooleanSupplier canSend, BooleanSupplier reading,
              Runnable ping, Runnable closeIdle) {
        this.loop = loop;
        this.reading = reading;
        this.idle = idleTimeout.toNanos();
        this.pingInterval = pingInterval.toNanos();
        this.canSend = canSend;
        this.ping = ping;
        this.closeIdle = closeIdle;
    }

    void start() {
        lastReceived = now();
        lastPing = lastReceived;
        schedule();
    }

    /** Something arrived from the peer. */
    void received() {
        lastReceived = now();
    }

    void stop() {
        stopped = true;
        if (timer != null) {
            timer.cancel(false);
            timer = null;
        }
    }

    private void schedule() {
        if (stopped || (idle == 0 && pingInterval == 0)) {
            return;
        }
        long next = Long.MAX_VALUE;
        if (idle > 0) {
            next = lastReceived + idle;
        }
        if (pingInterval > 0) {
            next = Math.min(next, Math.max(lastReceived, lastPing) + pingInterval);
        }
        timer = loop.schedule(this::check, Math.max(0, next - now()), TimeUnit.NANOSECONDS);
    }

    private void check() {
        timer = null;
        if (stopped || !canSend.getAsBoolean()) {
            return;
        }
        long now = now();
        long quiet = now - lastReceived;
        if (idle > 0 && quiet >= idle) {
            if (reading.getAsBoolean()) {
                closeIdle.run();
                return;
            }
            lastReceived = now;
        }
        if (pingInterval > 0 && quiet >= pingInterval && now - lastPing >= pingInterval) {
            lastPing = now;
            ping.run();
        }
        schedule();
    }

    private long now() {
        return loop.ticker().nanoTime();
    }
}
