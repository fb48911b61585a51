package io.wsproto.h2;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

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

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
