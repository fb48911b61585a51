package io.wsproto.interop.soak;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.management.UnixOperatingSystemMXBean;
import io.wsproto.Limits;
import io.wsproto.events.AcceptConnection;
import io.wsproto.events.BytesMessage;
import io.wsproto.events.CloseConnection;
import io.wsproto.events.Event;
import io.wsproto.events.Request;
import io.wsproto.extensions.PerMessageDeflate;
import io.wsproto.h1.BlockingWebSocket;
import io.wsproto.h1.WebSocketOptions;
import io.wsproto.h2.Http2WebSocketClient;
import io.wsproto.h2.NettyLeaks;
import io.wsproto.h2.SessionOptions;
import io.wsproto.h2.WebSocketHandler;
import io.wsproto.h2.WebSocketRoutes;
import io.wsproto.h2.WebSocketServer;
import io.wsproto.h2.WebSocketSession;
import io.wsproto.interop.cli.EchoHandler;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.zip.CRC32;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Load without loss: 200 WebSockets at once against our server, half over HTTP/1.1 and half as streams of
 * ten HTTP/2 connections, half of them with permessage-deflate, sending messages of random sizes up to
 * 1 MiB, each carrying its sequence number and a CRC32, one in flight per WebSocket; now and then a
 * client closes early and reconnects. Every message must come back exactly once and intact; afterwards
 * the server holds no WebSocket, and once it is closed the heap, threads and file descriptors are back
 * where they were before it started.
 *
 * <p>The default run sends for 30 s ({@code -Dsoak.seconds=600} for a long run; {@code -Dsoak.seed=N}
 * repeats a run).
 */
@ExtendWith(NettyLeaks.class)
class SoakTest {
    private static final int WEBSOCKETS = 200;
    private static final int H2_CONNECTIONS = 10;
    private static final int MAX_MESSAGE = 1 << 20;
    private static final long SECONDS = Long.getLong("soak.seconds", 30);
    private static final long SEED = Long.getLong("soak.seed", System.nanoTime());

    private final AtomicLong sent = new AtomicLong();
    private final AtomicLong echoed = new AtomicLong();
    private final AtomicLong bytes = new AtomicLong();
    private final AtomicLong reconnects = new AtomicLong();

    @Test
    void everyMessageComesBackOnceAndIntactAndNothingLeaks() throws Exception {
        WebSocketRoutes routes = new WebSocketRoutes().add("/echo",
                request -> new AcceptConnection(null, List.of(new PerMessageDeflate()), List.of()),
                () -> new EchoHandler(new EchoHandler.Listener() {
                    @Override
                    public void opened(WebSocketSession session) {
                    }

                    @Override
                    public void closed(WebSocketSession session, int code, String reason) {
                    }
                }));
        Limits limits = Limits.forMessagesUpTo(2 * MAX_MESSAGE);
        Baseline before = Baseline.take();
        try (WebSocketServer server = WebSocketServer.builder().routes(routes).options(SessionOptions.DEFAULT.withLimits(limits))
                .plaintext("127.0.0.1", 0).threads(2).start()) {
            int port = server.plaintextPort();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(SECONDS);
            SplittableRandom seeds = new SplittableRandom(SEED);

            ExecutorService h1Threads = Executors.newFixedThreadPool(WEBSOCKETS / 2);
            List<Future<?>> h1 = new ArrayList<>();
            for (int i = 0; i < WEBSOCKETS / 2; i++) {
                SplittableRandom random = seeds.split();
                boolean deflate = i % 2 == 0;
                h1.add(h1Threads.submit(() -> {
                    h1Worker(port, deflate, random, deadline);
                    return null;
                }));
            }
            List<Http2WebSocketClient> connections = new ArrayList<>();
            List<CompletableFuture<Void>> h2 = new ArrayList<>();
            for (int c = 0; c < H2_CONNECTIONS; c++) {
                Http2WebSocketClient connection = Http2WebSocketClient.connect("127.0.0.1", port, null).get(10, TimeUnit.SECONDS);
                connections.add(connection);
                for (int s = 0; s < WEBSOCKETS / 2 / H2_CONNECTIONS; s++) {
                    h2.add(new H2Worker(connection, s % 2 == 0, seeds.split(), deadline).done);
                }
            }
            try {
                for (Future<?> f : h1) {
                    f.get(SECONDS + 120, TimeUnit.SECONDS);
                }
                for (CompletableFuture<Void> f : h2) {
                    f.get(SECONDS + 120, TimeUnit.SECONDS);
                }
            } finally {
                h1Threads.shutdownNow();
                connections.forEach(Http2WebSocketClient::close);
            }
            System.out.printf("soak (seed %d): %d messages, %d MiB echoed over %d WebSockets in %d s, %d early closes and reconnects%n",
                    SEED, echoed.get(), bytes.get() >> 20, WEBSOCKETS, SECONDS, reconnects.get());
            assertEquals(sent.get(), echoed.get(), "every message sent was echoed exactly once");
            assertTrue(echoed.get() > WEBSOCKETS, "messages: " + echoed.get());
            awaitTrue(() -> server.openWebSockets() == 0, "the server still holds " + server.openWebSockets() + " WebSockets");
            h1Threads.awaitTermination(10, TimeUnit.SECONDS);
        }
        before.assertReturnedTo();
    }

    /** A message of a random size (mostly small, now and then up to 1 MiB): sequence number, CRC32, payload. */
    private static byte[] message(SplittableRandom random, long seq) {
        int roll = random.nextInt(100);
        int size = roll < 70 ? random.nextInt(1024) : roll < 95 ? random.nextInt(65536) : random.nextInt(MAX_MESSAGE);
        byte[] m = new byte[16 + size];
        for (int i = 16; i < m.length; i += 8) {
            long r = random.nextLong();
            int fill = random.nextInt(4) == 0 ? 0 : 1; // a quarter compressible runs, the rest random bytes
            for (int b = 0; b < 8 && i + b < m.length; b++) {
                m[i + b] = (byte) (fill * (r >>> (8 * b)));
            }
        }
        CRC32 crc = new CRC32();
        crc.update(m, 16, size);
        ByteBuffer.wrap(m).putLong(seq).putLong(crc.getValue());
        return m;
    }

    /** Checks an echo: the sequence number expected next, and a payload matching its checksum. */
    private void check(byte[] echo, long expectedSeq) {
        ByteBuffer b = ByteBuffer.wrap(echo);
        long seq = b.getLong();
        long crc = b.getLong();
        if (seq != expectedSeq) {
            throw new AssertionError("expected the echo of message " + expectedSeq + ", got " + seq + " (lost or duplicated)");
        }
        CRC32 actual = new CRC32();
        actual.update(echo, 16, echo.length - 16);
        if (actual.getValue() != crc) {
            throw new AssertionError("message " + seq + " came back corrupted (" + echo.length + " bytes)");
        }
        echoed.incrementAndGet();
        bytes.addAndGet(echo.length);
    }

    private void h1Worker(int port, boolean deflate, SplittableRandom random, long deadline) throws Exception {
        WebSocketOptions options = new WebSocketOptions().deflate(deflate).limits(Limits.forMessagesUpTo(2 * MAX_MESSAGE))
                .readTimeout(Duration.ofSeconds(60));
        long seq = 0;
        while (System.nanoTime() < deadline) {
            try (BlockingWebSocket ws = BlockingWebSocket.connect(URI.create("ws://127.0.0.1:" + port + "/echo"), options)) {
                assertEquals(deflate, !ws.extensions().isEmpty());
                while (System.nanoTime() < deadline) {
                    byte[] m = message(random, seq);
                    ws.send(new BytesMessage(m));
                    sent.incrementAndGet();
                    Event e = ws.receive();
                    if (!(e instanceof BytesMessage echo)) {
                        throw new AssertionError("expected an echo of message " + seq + ", got " + e);
                    }
                    check(echo.data(), seq++);
                    if (random.nextInt(100) == 0) {
                        reconnects.incrementAndGet();
                        break; // an early close (1000, from close()), then a new connection
                    }
                }
                CloseConnection reply = ws.close(1000, "");
                assertEquals(1000, reply == null ? -1 : reply.code(), "the server answers the close");
            }
        }
    }

    /** One WebSocket stream of an HTTP/2 connection, driven by its callbacks; reopens after an early close. */
    private final class H2Worker implements WebSocketHandler {
        final CompletableFuture<Void> done = new CompletableFuture<>();
        private final Http2WebSocketClient connection;
        private final boolean deflate;
        private final SplittableRandom random;
        private final long deadline;
        private long seq;
        private boolean closing;

        H2Worker(Http2WebSocketClient connection, boolean deflate, SplittableRandom random, long deadline) {
            this.connection = connection;
            this.deflate = deflate;
            this.random = random;
            this.deadline = deadline;
            open();
        }

        private void open() {
            closing = false;
            connection.open(new Request("127.0.0.1", "/echo", List.of(), deflate ? List.of(new PerMessageDeflate()) : List.of(), List.of()), this)
                    .whenComplete((s, failure) -> {
                        if (failure != null) {
                            done.completeExceptionally(failure);
                        }
                    });
        }

        @Override
        public void onOpen(WebSocketSession session) {
            if (deflate == session.extensions().isEmpty()) {
                done.completeExceptionally(new AssertionError("deflate negotiated: " + session.extensions()));
                return;
            }
            sendNext(session);
        }

        private void sendNext(WebSocketSession session) {
            if (System.nanoTime() >= deadline || random.nextInt(100) == 0) {
                closing = true;
                session.close(1000, "");
                return;
            }
            sent.incrementAndGet();
            session.sendBinary(message(random, seq));
        }

        @Override
        public void onBinary(WebSocketSession session, byte[] data) {
            try {
                check(data, seq++);
                sendNext(session);
            } catch (AssertionError e) {
                done.completeExceptionally(e);
            }
        }

        @Override
        public void onClose(WebSocketSession session, int code, String reason) {
            if (!closing || code != 1000) {
                done.completeExceptionally(new AssertionError("closed with " + code + " " + reason));
            } else if (System.nanoTime() < deadline) {
                reconnects.incrementAndGet();
                open();
            } else {
                done.complete(null);
            }
        }
    }

    /** Heap after GC, live threads and open file descriptors. */
    private record Baseline(long heap, int threads, long fds) {
        static Baseline take() throws InterruptedException {
            return new Baseline(heapAfterGc(), ours().size(), openFds());
        }

        void assertReturnedTo() throws Exception {
            long t0 = System.nanoTime();
            awaitTrue(() -> ours().size() <= threads, "threads: " + threads + " before, now " + ours());
            System.out.println("threads settled after " + (System.nanoTime() - t0) / 1_000_000 + " ms");
            awaitTrue(() -> openFds() <= fds + 8, "file descriptors: " + fds + " before, " + openFds() + " after");
            long after = heapAfterGc();
            assertTrue(after <= heap + (48L << 20), "heap after GC: " + (heap >> 20) + " MiB before, " + (after >> 20) + " MiB after");
        }

        static long heapAfterGc() throws InterruptedException {
            for (int i = 0; i < 3; i++) {
                System.gc();
                Thread.sleep(100);
            }
            return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
        }

        /** The threads that clients and servers start: event loops and worker pools (not the JDK's own). */
        static List<String> ours() {
            return Thread.getAllStackTraces().keySet().stream().map(Thread::getName)
                    .filter(n -> n.startsWith("multiThreadIoEventLoopGroup") || n.startsWith("pool-") || !isDaemon(n)).sorted().toList();
        }

        private static boolean isDaemon(String name) {
            return Thread.getAllStackTraces().keySet().stream().filter(t -> t.getName().equals(name)).allMatch(Thread::isDaemon);
        }

        static long openFds() {
            return ManagementFactory.getOperatingSystemMXBean() instanceof UnixOperatingSystemMXBean unix ? unix.getOpenFileDescriptorCount() : 0;
        }
    }

    private interface Condition {
        boolean holds() throws Exception;
    }

    private static void awaitTrue(Condition c, String message) throws Exception {
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
        while (!c.holds()) {
            if (System.nanoTime() > until) {
                throw new AssertionError(message);
            }
            Thread.sleep(50);
        }
    }
}
