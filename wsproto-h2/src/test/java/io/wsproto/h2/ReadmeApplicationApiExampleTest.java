package io.wsproto.h2;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.wsproto.Limits;
import io.wsproto.events.BytesMessage;
import io.wsproto.events.CloseConnection;
import io.wsproto.events.Event;
import io.wsproto.events.Header;
import io.wsproto.h1.HandshakeRejectedException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The README's "Application API" examples, each between its markers, kept compiling and passing. Keep the
 * two in step. Each runs over HTTP/2 (h2c) against our server, since the API is the same over HTTP/1.1.
 */
@org.junit.jupiter.api.extension.ExtendWith(NettyLeaks.class)
@Timeout(60)
class ReadmeApplicationApiExampleTest {
    /** Every example below, between its markers, appears word for word in the README. */
    @Test
    void theReadmeShowsTheseExamples() throws IOException {
        String readme = java.nio.file.Files.readString(java.nio.file.Path.of("..", "README.md"));
        String source = java.nio.file.Files.readString(java.nio.file.Path.of("src", "test", "java", "io", "wsproto", "h2",
                "ReadmeApplicationApiExampleTest.java"));
        java.util.regex.Matcher example = java.util.regex.Pattern
                .compile("// --- README example start: ([\\w ]+) ---\n(.*?)\n\\s*// --- README example end ---", java.util.regex.Pattern.DOTALL)
                .matcher(source);
        int found = 0;
        while (example.find()) {
            String code = example.group(2).stripIndent();
            assertTrue(readme.contains(code), "the README lacks the '" + example.group(1) + "' example:\n" + code);
            found++;
        }
        assertEquals(8, found, "examples in this file");
    }

    static WebSocketServer serve(SessionOptions options, WebSocketRoutes routes) throws InterruptedException {
        return Wire.server(options, routes);
    }

    static WebSocketClient h2c() {
        return Wire.H2.client(SessionOptions.DEFAULT);
    }

    static URI uri(WebSocketServer server, String path) {
        return URI.create("ws://127.0.0.1:" + server.plaintextPort() + path);
    }

    static String lookUpInTheDatabase(String key) {
        SessionExecutorTest.sleep(20); // a blocking call
        return "value of " + key;
    }

    @Test
    void callbacksOnAnExecutor() throws Exception {
        ExecutorService callbacks = SessionExecutorTest.perTaskExecutor(); // virtual threads on Java 21+
        // --- README example start: executor ---
        SessionOptions options = SessionOptions.DEFAULT.withExecutor(callbacks); // e.g. Executors.newVirtualThreadPerTaskExecutor()
        WebSocketHandler lookup = new WebSocketHandler() {
            @Override
            public void onText(WebSocketSession session, String key) {
                session.sendText(lookUpInTheDatabase(key));           // blocks this session only
            }
        };
        // --- README example end ---
        try (WebSocketServer server = serve(options, new WebSocketRoutes().add("/kv", r -> new io.wsproto.events.AcceptConnection(), () -> lookup));
             WebSocketClient client = h2c()) {
            TestHandlers.Collector replies = new TestHandlers.Collector();
            client.connect(uri(server, "/kv"), replies).get(10, TimeUnit.SECONDS).sendText("k");
            assertEquals("value of k", replies.next());
        } finally {
            callbacks.shutdownNow();
        }
    }

    // --- README example start: bounded ---
    static void broadcast(List<WebSocketSession> subscribers, String news) {
        for (WebSocketSession s : subscribers) {
            s.sendText(news).exceptionally(failure -> {
                if (failure instanceof OutboundQueueFullException full) { // this one is full.queuedBytes() behind
                    s.close(1008, "too slow for the feed");
                }
                return null;
            });
        }
    }
    // --- README example end ---

    @Test
    void boundedSends() throws Exception {
        CompletableFuture<WebSocketSession> subscriber = new CompletableFuture<>();
        SessionOptions options = SessionOptions.DEFAULT.withMaxQueuedOutboundBytes(256 * 1024);
        try (WebSocketServer server = serve(options, new WebSocketRoutes().add("/feed", r -> new io.wsproto.events.AcceptConnection(),
                () -> new WebSocketHandler() {
                    @Override
                    public void onOpen(WebSocketSession session) {
                        subscriber.complete(session);
                    }
                }));
             WebSocketClient client = h2c()) {
            TestHandlers.Collector slow = new TestHandlers.Collector();
            client.connect(uri(server, "/feed"), slow).get(10, TimeUnit.SECONDS).pauseReading();
            WebSocketSession s = subscriber.get(10, TimeUnit.SECONDS);
            for (int i = 0; i < 1000 && s.state() == io.wsproto.ConnectionState.OPEN; i++) {
                broadcast(List.of(s), "x".repeat(16 * 1024));
            }
            assertTrue(s.queuedBytes() <= 256 * 1024);
            assertTrue(s.state() != io.wsproto.ConnectionState.OPEN, "the slow subscriber is being closed");
        }
    }

    @Test
    void demand() throws Exception {
        LinkedBlockingQueue<String> processed = new LinkedBlockingQueue<>();
        // --- README example start: demand ---
        SessionOptions options = SessionOptions.DEFAULT.withDemand(true);
        Supplier<WebSocketHandler> oneAtATime = () -> new WebSocketHandler() {
            @Override
            public void onOpen(WebSocketSession session) {
                session.request(1);                                   // nothing is read before this
            }

            @Override
            public void onText(WebSocketSession session, String text) {
                CompletableFuture.runAsync(() -> processed.add(text))  // work elsewhere...
                        .thenRun(() -> session.request(1));           // ...then the next message
            }
        };
        // --- README example end ---
        try (WebSocketServer server = serve(options, new WebSocketRoutes().add("/jobs", r -> new io.wsproto.events.AcceptConnection(), oneAtATime));
             WebSocketClient client = h2c()) {
            WebSocketSession ws = client.connect(uri(server, "/jobs"), new TestHandlers.Collector()).get(10, TimeUnit.SECONDS);
            for (int i = 0; i < 20; i++) {
                ws.sendText("job " + i);
            }
            for (int i = 0; i < 20; i++) {
                assertEquals("job " + i, processed.poll(10, TimeUnit.SECONDS));
            }
        }
    }

    @Test
    void streaming() throws Exception {
        ByteArrayOutputStream disk = new ByteArrayOutputStream();
        CompletableFuture<Long> stored = new CompletableFuture<>();
        // --- README example start: streaming ---
        SessionOptions options = SessionOptions.DEFAULT.withStreaming(true)
                .withLimits(Limits.DEFAULT.withMaxMessageSize(64 * 1024));        // per part now; a message may be any size
        Supplier<WebSocketHandler> upload = () -> new WebSocketHandler() {
            private final OutputStream file = disk;                   // e.g. Files.newOutputStream(path)
            private long size;

            @Override
            public void onEvent(WebSocketSession session, Event event) {
                if (event instanceof BytesMessage part) {
                    try {
                        file.write(part.data());
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);            // onError, then a 1011 close
                    }
                    size += part.data().length;
                    if (part.messageFinished()) {
                        stored.complete(size);
                    }
                }
            }
        };
        // --- README example end ---
        try (WebSocketServer server = serve(options, new WebSocketRoutes().add("/upload", r -> new io.wsproto.events.AcceptConnection(), upload));
             WebSocketClient client = h2c()) {
            WebSocketSession ws = client.connect(uri(server, "/upload"), new TestHandlers.Collector()).get(10, TimeUnit.SECONDS);
            byte[] chunk = new byte[60 * 1024];
            java.util.Arrays.fill(chunk, (byte) 7);
            // --- README example start: streaming out ---
            for (int i = 0; i < 10; i++) {                            // one 600 KiB message, sent in ten frames
                ws.send(new BytesMessage(chunk, true, i == 9)).get();
            }
            // --- README example end ---
            assertEquals(10 * chunk.length, stored.get(10, TimeUnit.SECONDS));
            byte[] all = new byte[10 * chunk.length];
            java.util.Arrays.fill(all, (byte) 7);
            assertArrayEquals(all, disk.toByteArray());
        }
    }

    @Test
    void errors() throws Exception {
        LinkedBlockingQueue<String> log = new LinkedBlockingQueue<>();
        // --- README example start: errors ---
        WebSocketHandler handler = new WebSocketHandler() {
            @Override
            public void onText(WebSocketSession session, String text) {
                throw new IllegalStateException("bug in onText");     // reported, then closed with 1011
            }

            @Override
            public void onError(WebSocketSession session, Throwable failure) {
                log.add("failed: " + failure.getMessage());           // I/O, TLS, a callback that threw
            }

            @Override
            public void onClose(WebSocketSession session, int code, String reason) {
                log.add("closed: " + code);                           // always after onError
            }
        };
        // --- README example end ---
        try (WebSocketServer server = serve(SessionOptions.DEFAULT, new WebSocketRoutes().add("/e", r -> new io.wsproto.events.AcceptConnection(), () -> handler));
             WebSocketClient client = h2c()) {
            client.connect(uri(server, "/e"), new TestHandlers.Collector()).get(10, TimeUnit.SECONDS).sendText("boom");
            assertEquals("failed: bug in onText", log.poll(10, TimeUnit.SECONDS));
            assertEquals("closed: 1011", log.poll(10, TimeUnit.SECONDS));
        }
    }

    /** Stands for an authorisation service answering on its own threads. */
    static CompletableFuture<Boolean> checkToken(String token) {
        return CompletableFuture.supplyAsync(() -> "Bearer good".equals(token));
    }

    @Test
    void asynchronousDecisions() throws Exception {
        WebSocketHandler feed = new WebSocketHandler() { };
        // --- README example start: decision ---
        WebSocketRoutes routes = new WebSocketRoutes().addAsync("/feed",
                AcceptDecision.allowOrigins(List.of("https://app.example"), false, handshake ->
                        checkToken(handshake.request().header("authorization"))      // any CompletionStage
                                .thenApply(ok -> ok ? HandshakeDecision.accept()
                                        : HandshakeDecision.reject(401, "sign in again\n"))),
                () -> feed);
        // handshake.remoteAddress(), .peerCertificates() and .applicationProtocol() are there too
        // --- README example end ---
        try (WebSocketServer server = serve(SessionOptions.DEFAULT, routes); WebSocketClient client = h2c()) {
            client.connect(uri(server, "/feed"), List.of(), List.of(new Header("Authorization", "Bearer good")), feed)
                    .get(10, TimeUnit.SECONDS).close(1000, "");
            ExecutionException refused = org.junit.jupiter.api.Assertions.assertThrows(ExecutionException.class,
                    () -> client.connect(uri(server, "/feed"), List.of(), List.of(new Header("Authorization", "Bearer old")), feed)
                            .get(10, TimeUnit.SECONDS));
            HandshakeRejectedException rejected = assertInstanceOf(HandshakeRejectedException.class, refused.getCause());
            assertEquals(401, rejected.status());
            assertEquals("sign in again\n", new String(rejected.body(), java.nio.charset.StandardCharsets.UTF_8));
        }
    }

    @Test
    void metrics() throws Exception {
        // --- README example start: metrics ---
        Map<Integer, AtomicLong> closesByCode = new ConcurrentHashMap<>();
        WebSocketMetrics counting = new WebSocketMetrics() {
            @Override
            public void closed(WebSocketSession session, int code, CloseConnection.Origin origin) {
                closesByCode.computeIfAbsent(code, c -> new AtomicLong()).incrementAndGet();
            }
        };
        SessionOptions options = SessionOptions.DEFAULT.withMetrics(counting);  // or JfrMetrics.INSTANCE
        // --- README example end ---
        try (WebSocketServer server = serve(options, new WebSocketRoutes().add("/m", r -> new io.wsproto.events.AcceptConnection(),
                () -> new WebSocketHandler() { }));
             WebSocketClient client = h2c()) {
            TestHandlers.Collector peer = new TestHandlers.Collector();
            client.connect(uri(server, "/m"), peer).get(10, TimeUnit.SECONDS).close(1000, "");
            peer.closed.get(10, TimeUnit.SECONDS);
            long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
            while (!closesByCode.containsKey(1000) && System.nanoTime() < until) {
                Thread.sleep(10);
            }
            assertEquals(1, closesByCode.get(1000).get());
        }
    }
}
