package io.wsproto.h2;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.netty.channel.embedded.EmbeddedChannel;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The idle timeout and keepalive pings, on an EmbeddedChannel's event loop with frozen time. */
class KeepaliveTest {
    private final EmbeddedChannel channel = new EmbeddedChannel();
    private final AtomicInteger pings = new AtomicInteger();
    private final AtomicInteger idleCloses = new AtomicInteger();
    private final AtomicBoolean open = new AtomicBoolean(true);
    private final AtomicBoolean reading = new AtomicBoolean(true);

    private Keepalive keepalive(Duration idle, Duration ping) {
        channel.freezeTime();
        Keepalive k = new Keepalive(channel.eventLoop(), idle, ping, open::get, reading::get, pings::incrementAndGet, idleCloses::incrementAndGet);
        k.start();
        return k;
    }

    private void after(long seconds) {
        for (long s = 0; s < seconds; s++) {
            channel.advanceTimeBy(1, TimeUnit.SECONDS);
            channel.runScheduledPendingTasks();
        }
    }

    @AfterEach
    void finish() {
        channel.finishAndReleaseAll();
    }

    @Test
    void aQuietPeerIsPingedEveryIntervalThenClosedAtTheIdleTimeout() {
        keepalive(Duration.ofSeconds(10), Duration.ofSeconds(3));
        after(3);
        assertEquals(1, pings.get());
        after(3);
        assertEquals(2, pings.get());
        after(4);
        assertEquals(1, idleCloses.get(), "ten quiet seconds close it");
        assertEquals(3, pings.get());
        after(20);
        assertEquals(1, idleCloses.get(), "once");
    }

    @Test
    void inputResetsBothClocks() {
        Keepalive k = keepalive(Duration.ofSeconds(10), Duration.ofSeconds(3));
        for (int i = 0; i < 10; i++) {
            after(2);
            k.received();
        }
        assertEquals(0, pings.get(), "a talking peer is never pinged");
        assertEquals(0, idleCloses.get());
    }

    @Test
    void aClosingWebSocketIsLeftToTheCloseTimer() {
        keepalive(Duration.ofSeconds(10), Duration.ZERO);
        open.set(false);
        after(30);
        assertEquals(0, idleCloses.get());
    }

    @Test
    void stopCancelsTheTimer() {
        Keepalive k = keepalive(Duration.ofSeconds(10), Duration.ofSeconds(3));
        k.stop();
        after(30);
        assertEquals(0, pings.get());
        assertEquals(0, idleCloses.get());
    }

    @Test
    void whileTheApplicationHoldsReadingQuietIsNotIdleness() {
        keepalive(Duration.ofSeconds(10), Duration.ZERO);
        reading.set(false); // paused, or no demand
        after(35);
        assertEquals(0, idleCloses.get(), "the peer may be talking; we are not listening");
        reading.set(true);
        after(10);
        assertEquals(1, idleCloses.get(), "ten quiet seconds of reading close it");
    }
}
