package io.wsproto.h2;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** {@link SessionOptions#executor()}: callbacks leave the event loop, one at a time and in order per session. */
@org.junit.jupiter.api.extension.ExtendWith(NettyLeaks.class)
@Timeout(60)
class SessionExecutorTest {
    /** A virtual-thread executor where the JDK has one (21+), else a cached pool: the same contract either way. */
    static ExecutorService perTaskExecutor() {
        try {
            return (ExecutorService) Executors.class.getMethod("newVirtualThreadPerTaskExecutor").invoke(null);
        } catch (ReflectiveOperationException notOnThisJdk) {
            return Executors.newCachedThreadPool();
        }
    }

    @ParameterizedTest
    @EnumSource(Wire.class)
    void callbacksRunOffTheEventLoopOneAtATimeAndInOrder(Wire wire) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(4);
        AtomicBoolean overlapped = new AtomicBoolean();
        AtomicBoolean onEventLoop = new AtomicBoolean();
        AtomicBoolean inside = new AtomicBoolean();
        SessionOptions options = SessionOptions.DEFAULT.withExecutor(pool);
        try (WebSocketServer server = Wire.server(options, "/echo", () -> new WebSocketHandler() {
                 @Override
                 public void onText(WebSocketSession session, String text) {
                     if (!inside.compareAndSet(false, true)) {
                         overlapped.set(true);
                     }
                     onEventLoop.compareAndSet(false, ((SessionApi) session).channel().eventLoop().inEventLoop());
                     try {
                         Thread.sleep(text.hashCode() & 3); // uneven work, so a pool would reorder if it could
                     } catch (InterruptedException e) {
                         Thread.currentThread().interrupt();
                     }
                     session.sendText(text);
                     inside.set(false);
                 }
             });
             WebSocketClient client = wire.client(SessionOptions.DEFAULT)) {
            TestHandlers.Collector replies = new TestHandlers.Collector();
            WebSocketSession ws = wire.open(client, server, "/echo", replies);
            for (int i = 0; i < 200; i++) {
                ws.sendText("message " + i);
            }
            for (int i = 0; i < 200; i++) {
                assertEquals("message " + i, replies.next());
            }
            assertFalse(overlapped.get(), "two callbacks of one session ran at once");
            assertFalse(onEventLoop.get(), "a callback ran on an event loop thread");
            ws.close(1000, "");
            assertEquals(1000, replies.closed.get(10, TimeUnit.SECONDS));
        } finally {
            pool.shutdownNow();
        }
    }

    /** A client's sessions take the same options: callbacks on its executor, in order, with demand and metrics. */
    @ParameterizedTest
    @EnumSource(Wire.class)
    void clientSessionsTakeTheSameOptions(Wire wire) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(2);
        MetricsTest.Counting metrics = new MetricsTest.Counting();
        AtomicBoolean onEventLoop = new AtomicBoolean();
        java.util.concurrent.BlockingQueue<String> received = new java.util.concurrent.LinkedBlockingQueue<>();
        SessionOptions clientOptions = SessionOptions.DEFAULT.withExecutor(pool).withDemand(true).withMetrics(metrics);
        try (WebSocketServer server = Wire.server(SessionOptions.DEFAULT, "/echo", () -> new TestHandlers.Echo(new java.util.concurrent.LinkedBlockingQueue<>()));
             WebSocketClient client = wire.client(clientOptions)) {
            WebSocketSession ws = wire.open(client, server, "/echo", new WebSocketHandler() {
                @Override
                public void onText(WebSocketSession session, String text) {
                    onEventLoop.compareAndSet(false, ((SessionApi) session).channel().eventLoop().inEventLoop());
                    received.add(text);
                }
            });
            for (int i = 0; i < 10; i++) {
                ws.sendText("echo " + i);
            }
            Thread.sleep(200);
            assertTrue(received.isEmpty(), "no demand, no delivery");
            ws.request(10);
            for (int i = 0; i < 10; i++) {
                assertEquals("echo " + i, received.poll(10, TimeUnit.SECONDS));
            }
            assertFalse(onEventLoop.get(), "the client's callbacks ran on its executor");
            assertEquals(1, metrics.get("opened"));
            assertEquals(10, metrics.get("in"));
            assertEquals(10, metrics.get("out"));
        } finally {
            pool.shutdownNow();
        }
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
