package io.wsproto.h2;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.wsproto.events.AcceptConnection;
import io.wsproto.events.CloseConnection;
import io.wsproto.events.Ping;
import io.wsproto.events.RejectConnection;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import jdk.jfr.Recording;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordingFile;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** {@link WebSocketMetrics}: what the adapter reports, to a listener of one's own and as JFR events. */
@org.junit.jupiter.api.extension.ExtendWith(NettyLeaks.class)
@Timeout(60)
class MetricsTest {
    /** Counts what it is told; closes and rejections in order. */
    static final class Counting implements WebSocketMetrics {
        final Map<String, AtomicLong> counts = new ConcurrentHashMap<>();
        final BlockingQueue<String> closes = new LinkedBlockingQueue<>();
        final BlockingQueue<Duration> roundTrips = new LinkedBlockingQueue<>();

        void add(String what, long n) {
            counts.computeIfAbsent(what, k -> new AtomicLong()).addAndGet(n);
        }

        long get(String what) {
            AtomicLong n = counts.get(what);
            return n == null ? 0 : n.get();
        }

        @Override
        public void opened(WebSocketSession session) {
            add("opened", 1);
        }

        @Override
        public void closed(WebSocketSession session, int code, CloseConnection.Origin origin) {
            closes.add(code + " " + origin);
        }

        @Override
        public void rejected(String target, int status, boolean http2) {
            closes.add("rejected " + target + " " + status + (http2 ? " h2" : " h1"));
        }

        @Override
        public void messageReceived(WebSocketSession session, long bytes) {
            add("in", 1);
            add("bytes in", bytes);
        }

        @Override
        public void messageSent(WebSocketSession session, long bytes, long queuedBytes) {
            add("out", 1);
            add("bytes out", bytes);
            assertTrue(queuedBytes >= bytes);
        }

        @Override
        public void pingRoundTrip(WebSocketSession session, Duration roundTrip) {
            roundTrips.add(roundTrip);
        }
    }

    static WebSocketRoutes routes() {
        return new WebSocketRoutes()
                .add("/echo", r -> new AcceptConnection(), () -> new TestHandlers.Echo(new LinkedBlockingQueue<>()))
                .add("/closed", r -> new RejectConnection(403), () -> new WebSocketHandler() { });
    }

    @ParameterizedTest
    @EnumSource(Wire.class)
    void reportsOpensMessagesPingsClosesAndRejections(Wire wire) throws Exception {
        Counting metrics = new Counting();
        try (WebSocketServer server = Wire.server(SessionOptions.DEFAULT.withMetrics(metrics), routes());
             WebSocketClient client = wire.client(SessionOptions.DEFAULT)) {
            TestHandlers.Collector peer = new TestHandlers.Collector();
            WebSocketSession ws = wire.open(client, server, "/echo", peer);
            ws.sendText("héllo"); // 6 bytes of UTF-8
            ws.sendBinary(new byte[1000]);
            peer.next();
            peer.next();
            client.connect(java.net.URI.create("ws://127.0.0.1:" + server.plaintextPort() + "/closed"), new WebSocketHandler() { })
                    .handle((ok, failure) -> failure).get(10, TimeUnit.SECONDS);
            assertEquals("rejected /closed 403 " + (wire == Wire.H2 ? "h2" : "h1"), metrics.closes.poll(10, TimeUnit.SECONDS));
            ws.close(1000, "");
            assertEquals(1000, peer.closed.get(10, TimeUnit.SECONDS));
            assertEquals("1000 PEER", metrics.closes.poll(10, TimeUnit.SECONDS), "the client started the close");
            assertEquals(1, metrics.get("opened"));
            assertEquals(2, metrics.get("in"));
            assertEquals(1006, metrics.get("bytes in"));
            assertEquals(2, metrics.get("out"));
            assertEquals(1006, metrics.get("bytes out"));
        }
    }

    @ParameterizedTest
    @EnumSource(Wire.class)
    void timesOurPingsAndSaysWhoClosed(Wire wire) throws Exception {
        Counting metrics = new Counting();
        CompletableFuture<WebSocketSession> serverSide = new CompletableFuture<>();
        WebSocketRoutes routes = new WebSocketRoutes().add("/s", r -> new AcceptConnection(), () -> new WebSocketHandler() {
            @Override
            public void onOpen(WebSocketSession session) {
                serverSide.complete(session);
            }
        });
        try (WebSocketServer server = Wire.server(SessionOptions.DEFAULT.withMetrics(metrics), routes);
             WebSocketClient client = wire.client(SessionOptions.DEFAULT)) {
            TestHandlers.Collector peer = new TestHandlers.Collector();
            wire.open(client, server, "/s", peer);
            WebSocketSession ws = serverSide.get(10, TimeUnit.SECONDS);
            ws.send(new Ping("rtt".getBytes()));
            Duration rtt = metrics.roundTrips.poll(10, TimeUnit.SECONDS);
            assertTrue(rtt != null && rtt.toMillis() < 5000, "round trip " + rtt);
            ws.close(1001, "going away");
            assertEquals(1001, peer.closed.get(10, TimeUnit.SECONDS));
            assertEquals("1001 APPLICATION", metrics.closes.poll(10, TimeUnit.SECONDS), "the server started the close");
        }
    }

    @ParameterizedTest
    @EnumSource(Wire.class)
    void theJfrBindingRecordsEvents(Wire wire, @TempDir Path dir) throws Exception {
        try (Recording recording = new Recording()) {
            for (String name : List.of("WebSocketOpened", "WebSocketClosed", "WebSocketRejected", "WebSocketMessage")) {
                recording.enable("io.wsproto." + name);
            }
            recording.start();
            try (WebSocketServer server = Wire.server(SessionOptions.DEFAULT.withMetrics(JfrMetrics.INSTANCE), routes());
                 WebSocketClient client = wire.client(SessionOptions.DEFAULT)) {
                TestHandlers.Collector peer = new TestHandlers.Collector();
                WebSocketSession ws = wire.open(client, server, "/echo", peer);
                ws.sendText("recorded");
                peer.next();
                client.connect(java.net.URI.create("ws://127.0.0.1:" + server.plaintextPort() + "/closed"), new WebSocketHandler() { })
                        .handle((ok, failure) -> failure).get(10, TimeUnit.SECONDS);
                ws.close(1000, "");
                peer.closed.get(10, TimeUnit.SECONDS);
                Thread.sleep(100); // the server's close is reported on its event loop
            }
            recording.stop();
            Path file = dir.resolve("ws.jfr");
            recording.dump(file);
            List<RecordedEvent> events = RecordingFile.readAllEvents(file);
            assertTrue(Files.size(file) > 0);
            RecordedEvent opened = only(events, "io.wsproto.WebSocketOpened");
            assertEquals("/echo", opened.getString("path"));
            assertEquals(wire == Wire.H2, opened.getBoolean("http2"));
            RecordedEvent closed = only(events, "io.wsproto.WebSocketClosed");
            assertEquals(1000, closed.getInt("code"));
            assertEquals("PEER", closed.getString("origin"));
            assertEquals(403, only(events, "io.wsproto.WebSocketRejected").getInt("status"));
            List<RecordedEvent> messages = events.stream().filter(e -> e.getEventType().getName().equals("io.wsproto.WebSocketMessage")).toList();
            assertEquals(List.of("received 8", "sent 8"), messages.stream()
                    .map(m -> (m.getBoolean("received") ? "received " : "sent ") + m.getLong("bytes")).sorted().toList(), "the echo's two messages");
        }
    }

    private static RecordedEvent only(List<RecordedEvent> events, String name) {
        List<RecordedEvent> found = events.stream().filter(e -> e.getEventType().getName().equals(name)).toList();
        assertEquals(1, found.size(), name + " events: " + found);
        return found.get(0);
    }
}
