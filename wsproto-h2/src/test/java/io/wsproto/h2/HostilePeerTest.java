package io.wsproto.h2;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.handler.codec.http2.DefaultHttp2HeadersFrame;
import io.netty.handler.codec.http2.DefaultHttp2ResetFrame;
import io.netty.handler.codec.http2.Http2Error;
import io.netty.handler.codec.http2.Http2StreamChannelBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.wsproto.Limits;
import io.wsproto.events.AcceptConnection;
import io.wsproto.events.Request;
import io.wsproto.extensions.PerMessageDeflate;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.zip.Deflater;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Hostile and broken peers over real loopback sockets against our server: each is ended by a limit or a
 * timeout with a clear close code, and the server keeps serving everyone else meanwhile.
 */
@org.junit.jupiter.api.extension.ExtendWith(NettyLeaks.class)
@Timeout(60)
class HostilePeerTest {
    static final int LIMIT = 64 * 1024;
    static final SessionOptions OPTIONS = SessionOptions.DEFAULT.withLimits(Limits.forMessagesUpTo(LIMIT))
            .withHandshakeTimeout(Duration.ofMillis(800)).withCloseTimeout(Duration.ofMillis(800))
            .withIdleTimeout(Duration.ofMillis(1500));
    static final BlockingQueue<TestHandlers.Closed> CLOSES = new LinkedBlockingQueue<>();
    static WebSocketServer server;

    static WebSocketRoutes routes() {
        return new WebSocketRoutes()
                .add("/echo", request -> new AcceptConnection(null, List.of(new PerMessageDeflate()), List.of()),
                        () -> new TestHandlers.Echo(CLOSES))
                .add("/closer", request -> new AcceptConnection(), () -> new WebSocketHandler() {
                    @Override
                    public void onOpen(WebSocketSession session) {
                        session.close(1000, "bye");
                    }
                });
    }

    @BeforeAll
    static void start() throws Exception {
        server = WebSocketServer.builder().routes(routes()).options(OPTIONS).plaintext("127.0.0.1", 0).threads(2).start();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    /** Another client, over HTTP/1.1 and over HTTP/2, is served normally. */
    static void assertStillServes(int port) throws Exception {
        try (RawClient c = RawClient.open(port, "/echo", null)) {
            c.send(RawClient.frame(true, 0, 1, "alive".getBytes(StandardCharsets.UTF_8)));
            RawClient.Frame f = c.read();
            assertEquals("alive", new String(f.payload(), StandardCharsets.UTF_8));
        }
        try (Http2WebSocketClient h2 = Http2WebSocketClient.connect("127.0.0.1", port, null).get(10, TimeUnit.SECONDS)) {
            TestHandlers.Collector collector = new TestHandlers.Collector();
            WebSocketSession s = h2.open(new Request("127.0.0.1", "/echo"), collector).get(10, TimeUnit.SECONDS);
            s.sendText("alive over h2");
            assertEquals("alive over h2", collector.received.poll(10, TimeUnit.SECONDS));
            s.close(1000, "");
            assertEquals(1000, collector.closed.get(10, TimeUnit.SECONDS));
        }
    }

    @Test
    void aHandshakeDribbledForeverIsCutOffAtTheHandshakeTimeout() throws Exception {
        try (Socket s = RawClient.connect(server.plaintextPort())) {
            OutputStream out = s.getOutputStream();
            out.write("GET /echo HTTP/1.1\r\n".getBytes(StandardCharsets.ISO_8859_1));
            long start = System.nanoTime();
            Thread dribbler = new Thread(() -> {
                try {
                    for (int i = 0; i < 100; i++) {
                        out.write('x');
                        out.flush();
                        Thread.sleep(100);
                    }
                } catch (Exception closed) {
                    // the server closed on us, as it should
                }
            });
            dribbler.start();
            assertStillServes(server.plaintextPort());
            s.setSoTimeout(5000);
            assertEquals(-1, readToEnd(s), "the connection ends");
            long millis = (System.nanoTime() - start) / 1_000_000;
            assertTrue(millis >= 700 && millis < 4000, "closed after " + millis + " ms");
            dribbler.join(10_000);
        }
    }

    @Test
    void anOversizeHeadIsAnswered431() throws Exception {
        try (Socket s = RawClient.connect(server.plaintextPort())) {
            String big = "X-Big: " + "a".repeat(20_000) + "\r\n";
            s.getOutputStream().write(("GET /echo HTTP/1.1\r\nHost: x\r\n" + big + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
            String head = RawClient.readHead(s.getInputStream());
            assertTrue(head.startsWith("HTTP/1.1 431"), head);
        }
        assertStillServes(server.plaintextPort());
    }

    @Test
    void aFrameThatNeverFinishesIsClosedAtTheIdleTimeout() throws Exception {
        try (RawClient c = RawClient.open(server.plaintextPort(), "/echo", null)) {
            byte[] frame = RawClient.frame(true, 0, 2, new byte[1000]);
            c.send(java.util.Arrays.copyOf(frame, 20));
            long start = System.nanoTime();
            RawClient.Frame close = c.readUntilClose();
            long millis = (System.nanoTime() - start) / 1_000_000;
            assertNotNull(close);
            assertEquals(1001, close.closeCode());
            assertTrue(millis >= 1300 && millis < 5000, "closed after " + millis + " ms");
            assertTrue(c.endsWithin(3000), "the server ends the connection after its close timeout");
        }
        assertEquals(1006, CLOSES.poll(5, TimeUnit.SECONDS).code(), "no reply to the server's close: abnormal closure");
    }

    @Test
    void anEndlessFragmentedMessageIsClosedWith1009() throws Exception {
        try (RawClient c = RawClient.open(server.plaintextPort(), "/echo", null)) {
            byte[] fragment = "abcdefgh".repeat(128).getBytes(StandardCharsets.US_ASCII);
            long sent = 0;
            try {
                c.send(RawClient.frame(false, 0, 1, fragment));
                for (int i = 0; i < 1000; i++) {
                    c.send(RawClient.frame(false, 0, 0, fragment));
                    sent += fragment.length;
                }
            } catch (IOException closedOnUs) {
                // the server closed after its 1009
            }
            RawClient.Frame close = c.readUntilClose();
            assertEquals(1009, close.closeCode(), new String(close.payload(), StandardCharsets.UTF_8));
            assertTrue(sent >= LIMIT, "sent " + sent);
        }
        assertStillServes(server.plaintextPort());
    }

    @Test
    void aPingFloodFromAPeerThatNeverReadsStopsBeingRead() throws Exception {
        assertWritesStall(RawClient.frame(true, 0, 9, new byte[125]));
    }

    @Test
    void aPeerThatNeverReadsItsEchoesStopsBeingRead() throws Exception {
        assertWritesStall(RawClient.frame(true, 0, 2, new byte[32 * 1024]));
    }

    /**
     * Writes {@code frame} over and over without reading: the server's replies back up, so it stops reading
     * (its buffered bytes stay bounded) and our writes stall, while it serves others.
     */
    private static void assertWritesStall(byte[] frame) throws Exception {
        try (RawClient c = RawClient.open(server.plaintextPort(), "/echo", null)) {
            AtomicLong written = new AtomicLong();
            Thread writer = new Thread(() -> {
                try {
                    for (int i = 0; i < 100_000_000 && !Thread.currentThread().isInterrupted(); i++) {
                        c.out.write(frame);
                        written.addAndGet(frame.length);
                    }
                } catch (IOException closed) {
                    // the test closed the socket
                }
            });
            writer.setDaemon(true);
            writer.start();
            long before;
            do {
                before = written.get();
                Thread.sleep(1000);
            } while (written.get() != before && written.get() < (256L << 20));
            assertEquals(before, written.get(), "writes stalled: the server stopped reading");
            assertTrue(written.get() < (256L << 20), "stalled after " + (written.get() >> 20) + " MiB");
            assertStillServes(server.plaintextPort());
            c.close();
            writer.join(5000);
        }
    }

    @Test
    void aDecompressionBombIsClosedWith1009() throws Exception {
        try (RawClient c = RawClient.open(server.plaintextPort(), "/echo", "permessage-deflate")) {
            assertTrue(c.response.toLowerCase().contains("permessage-deflate"), c.response);
            Deflater deflater = new Deflater(Deflater.BEST_COMPRESSION, true);
            deflater.setInput(new byte[16 << 20]);
            ByteArrayOutputStream z = new ByteArrayOutputStream();
            byte[] chunk = new byte[65536];
            int n;
            while ((n = deflater.deflate(chunk, 0, chunk.length, Deflater.SYNC_FLUSH)) > 0) {
                z.write(chunk, 0, n);
                if (n < chunk.length && deflater.needsInput()) {
                    break;
                }
            }
            byte[] bomb = z.toByteArray();
            assertTrue(bomb.length < 64 * 1024, "16 MiB of zeros compress to " + bomb.length + " bytes");
            c.send(RawClient.frame(true, 4, 2, java.util.Arrays.copyOf(bomb, bomb.length - 4)));
            assertEquals(1009, c.readUntilClose().closeCode());
        }
        assertStillServes(server.plaintextPort());
    }

    @Test
    void aPeerThatVanishesMidMessageIsReportedAs1006() throws Exception {
        CLOSES.clear();
        RawClient c = RawClient.open(server.plaintextPort(), "/echo", null);
        c.send(java.util.Arrays.copyOf(RawClient.frame(true, 0, 2, new byte[4000]), 2000));
        c.socket.setSoLinger(true, 0); // a reset, as from a crashed peer
        c.close();
        TestHandlers.Closed closed = CLOSES.poll(5, TimeUnit.SECONDS);
        assertNotNull(closed);
        assertEquals(1006, closed.code());
        assertStillServes(server.plaintextPort());
    }

    @Test
    void aClientThatNeverAnswersOurCloseIsDisconnectedAtTheCloseTimeout() throws Exception {
        try (RawClient c = RawClient.open(server.plaintextPort(), "/closer", null)) {
            RawClient.Frame close = c.read();
            assertEquals(8, close.opcode());
            assertEquals(1000, close.closeCode());
            long start = System.nanoTime();
            assertTrue(c.endsWithin(4000));
            long millis = (System.nanoTime() - start) / 1_000_000;
            assertTrue(millis >= 600, "disconnected after " + millis + " ms, before the close timeout");
        }
    }

    @Test
    void keepalivePingsHoldALivePeerAndTheIdleTimeoutClosesADeadOne() throws Exception {
        SessionOptions keepalive = OPTIONS.withPingInterval(Duration.ofMillis(200)).withIdleTimeout(Duration.ofMillis(800));
        try (WebSocketServer s = WebSocketServer.builder().routes(routes()).options(keepalive).plaintext("127.0.0.1", 0).threads(1).start();
             RawClient live = RawClient.open(s.plaintextPort(), "/echo", null);
             RawClient dead = RawClient.open(s.plaintextPort(), "/echo", null)) {
            Thread answering = new Thread(() -> {
                try {
                    RawClient.Frame f;
                    while ((f = live.read()) != null) {
                        if (f.opcode() == 9) {
                            live.send(RawClient.frame(true, 0, 10, f.payload()));
                        }
                    }
                } catch (IOException ended) {
                    // the test is over
                }
            });
            answering.setDaemon(true);
            answering.start();
            RawClient.Frame f;
            int pings = 0;
            while ((f = dead.read()) != null && f.opcode() == 9) {
                pings++;
            }
            assertNotNull(f);
            assertEquals(1001, f.closeCode(), "a peer that answers no ping is closed as idle");
            assertTrue(pings >= 2, "pings before the idle close: " + pings);
            Thread.sleep(1000);
            assertTrue(answering.isAlive(), "the peer that answers pings is still open after " + 1800 + " ms");
            assertEquals(1, s.openWebSockets());
        }
    }

    @Test
    void aHostileHttp2StreamAffectsOnlyItself() throws Exception {
        try (Http2WebSocketClient h2 = Http2WebSocketClient.connect("127.0.0.1", server.plaintextPort(), null).get(10, TimeUnit.SECONDS)) {
            TestHandlers.Collector good = new TestHandlers.Collector();
            WebSocketSession session = h2.open(new Request("127.0.0.1", "/echo"), good).get(10, TimeUnit.SECONDS);
            RawStream bad = new RawStream(h2.channel());
            bad.headers(ExtendedConnect.requestHeaders(new Request("127.0.0.1", "/echo"), "http"), false);
            assertEquals("200", bad.next().headers().get(0).value());
            bad.data(RawClient.frame(true, 0, 3, new byte[0]), false); // reserved opcode
            RawStream.Received r = bad.next();
            assertEquals(1002, (r.data()[2] & 0xFF) << 8 | (r.data()[3] & 0xFF), "the bad stream is closed with 1002");
            session.sendText("still fine");
            assertEquals("still fine", good.received.poll(10, TimeUnit.SECONDS));
            session.close(1000, "");
            assertEquals(1000, good.closed.get(10, TimeUnit.SECONDS));
        }
    }

    @Test
    void aFloodOfResetStreamsEndsOnlyThatConnection() throws Exception {
        try (Http2WebSocketClient flood = Http2WebSocketClient.connect("127.0.0.1", server.plaintextPort(), null).get(10, TimeUnit.SECONDS)) {
            Channel connection = flood.channel();
            for (int i = 0; i < 1000 && connection.isActive(); i++) {
                io.netty.util.concurrent.Future<io.netty.handler.codec.http2.Http2StreamChannel> opened =
                        new Http2StreamChannelBootstrap(connection).handler(new ChannelInboundHandlerAdapter()).open().await();
                if (!opened.isSuccess()) {
                    break; // the server has closed the connection
                }
                Channel stream = opened.getNow();
                stream.write(new DefaultHttp2HeadersFrame(NettyHeaders.toNetty(
                        ExtendedConnect.requestHeaders(new Request("127.0.0.1", "/echo"), "http")), false));
                stream.writeAndFlush(new DefaultHttp2ResetFrame(Http2Error.CANCEL));
            }
            awaitUpTo(10, () -> !connection.isActive());
            assertTrue(!connection.isActive(), "the server ends a connection that resets stream after stream (rapid reset)");
        }
        assertStillServes(server.plaintextPort());
    }

    @Test
    void websocketsBeyondTheConcurrentStreamLimitAreRefusedAndTheRestServed() throws Exception {
        int limit = Http2WebSocketPipeline.MAX_CONCURRENT_STREAMS;
        try (RawHttp2 raw = new RawHttp2(server.plaintextPort())) {
            for (int i = 0; i <= limit; i++) {
                raw.connect(2 * i + 1, "/echo");
            }
            int extra = 2 * limit + 1;
            awaitUpTo(30, () -> raw.responses.get() >= limit && raw.resets.containsKey(extra) || raw.ended);
            assertEquals(limit, raw.responses.get(), "every WebSocket within the limit was answered");
            Integer code = raw.resets.get(extra);
            assertNotNull(code, "the stream beyond the limit was reset; resets: " + raw.resets);
            assertTrue(code == 7 || code == 1, "REFUSED_STREAM or PROTOCOL_ERROR, got " + code);
            assertEquals(1, raw.resets.size(), "only the stream beyond the limit was reset: " + raw.resets.keySet());
        }
        assertStillServes(server.plaintextPort());
    }

    @Test
    void aStreamThatGrantsNoWindowHoldsOnlyItself() throws Exception {
        // The client allows the server no bytes on any stream, then opens two WebSockets and floods the first
        // with messages to echo: those echoes wait, the server stops reading that stream, and the second
        // stream, once it grants a window, is answered at once.
        try (RawHttp2 raw = new RawHttp2(server.plaintextPort(), 0)) {
            raw.connect(1, "/echo");
            raw.connect(3, "/echo");
            awaitUpTo(10, () -> raw.responses.get() >= 2);
            assertEquals(2, raw.responses.get());
            byte[] message = RawClient.frame(true, 0, 2, new byte[1000]);
            for (int i = 0; i < 60; i++) { // within the connection's initial 64 KiB window
                raw.frame(RawHttp2.DATA, 0, 1, message);
            }
            raw.frame(RawHttp2.DATA, 0, 3, RawClient.frame(true, 0, 1, "through".getBytes(StandardCharsets.UTF_8)));
            Thread.sleep(300);
            assertEquals(null, raw.data.get(3), "no window on stream 3 yet");
            raw.windowUpdate(3, 1000);
            awaitUpTo(10, () -> raw.data.get(3) != null);
            assertEquals(9, raw.data.get(3), "stream 3's echo (a 9-byte frame) arrived while stream 1 stays blocked");
            assertEquals(null, raw.data.get(1), "stream 1 got nothing: it granted no window");
            assertTrue(raw.resets.isEmpty() && !raw.goaway, "no stream was reset and the connection stays up");
        }
        assertStillServes(server.plaintextPort());
    }

    @Test
    void closingTheServerDrainsOpenWebSocketsWith1001() throws Exception {
        WebSocketServer s = WebSocketServer.builder().routes(routes()).options(OPTIONS).plaintext("127.0.0.1", 0).threads(1).start();
        Http2WebSocketClient h2 = Http2WebSocketClient.connect("127.0.0.1", s.plaintextPort(), null).get(10, TimeUnit.SECONDS);
        TestHandlers.Collector overH2 = new TestHandlers.Collector();
        h2.open(new Request("127.0.0.1", "/echo"), overH2).get(10, TimeUnit.SECONDS);
        try (RawClient overH1 = RawClient.open(s.plaintextPort(), "/echo", null)) {
            awaitUpTo(5, () -> s.openWebSockets() >= 2); // the h1 session registers just after its 101 is written
            assertEquals(2, s.openWebSockets());
            Thread closing = new Thread(s::close);
            long start = System.nanoTime();
            closing.start();
            RawClient.Frame close = overH1.readUntilClose();
            assertEquals(1001, close.closeCode());
            overH1.send(RawClient.frame(true, 0, 8, new byte[] {0x03, (byte) 0xE9}));
            assertEquals(1001, overH2.closed.get(10, TimeUnit.SECONDS), "the h2 WebSocket was closed with 1001");
            closing.join(10_000);
            long millis = (System.nanoTime() - start) / 1_000_000;
            assertTrue(millis < 2000, "both answered, so the server stopped without waiting out its close timeout: " + millis + " ms");
            assertEquals(0, s.openWebSockets());
        } finally {
            h2.close();
        }
    }

    /** Echoes, sleeping a second first for a message that starts with "slow": a handler that blocks. */
    static WebSocketHandler sleepyEcho() {
        return new WebSocketHandler() {
            @Override
            public void onText(WebSocketSession session, String text) {
                if (text.startsWith("slow")) {
                    SessionExecutorTest.sleep(1000);
                }
                session.sendText(text);
            }
        };
    }

    /**
     * The slow-handler case: one stream's handler sleeps 1 s per message, and the 99 other WebSockets on the
     * same HTTP/2 connection (or 99 other HTTP/1.1 connections on the same event loop) are answered at once.
     */
    @ParameterizedTest
    @EnumSource(Wire.class)
    void aHandlerThatBlocksStallsOnlyItsOwnSession(Wire wire) throws Exception {
        ExecutorService executor = SessionExecutorTest.perTaskExecutor();
        SessionOptions options = SessionOptions.DEFAULT.withExecutor(executor);
        try (WebSocketServer server = Wire.server(options, "/echo", HostilePeerTest::sleepyEcho);
             WebSocketClient client = wire.client(SessionOptions.DEFAULT)) {
            List<WebSocketSession> sessions = new ArrayList<>();
            List<TestHandlers.Collector> replies = new ArrayList<>();
            for (int i = 0; i < 100; i++) {
                TestHandlers.Collector c = new TestHandlers.Collector();
                sessions.add(wire.open(client, server, "/echo", c));
                replies.add(c);
            }
            for (int round = 0; round < 3; round++) { // warm up every path first
                for (int i = 0; i < 100; i++) {
                    sessions.get(i).sendText("warm " + i);
                }
                for (int i = 0; i < 100; i++) {
                    assertEquals("warm " + i, replies.get(i).next());
                }
            }
            sessions.get(0).sendText("slow 1");
            sessions.get(0).sendText("slow 2");
            Thread.sleep(50); // the slow handler is asleep now
            long slowest = 0;
            for (int i = 1; i < 100; i++) {
                long start = System.nanoTime();
                sessions.get(i).sendText("quick " + i);
                assertEquals("quick " + i, replies.get(i).next());
                slowest = Math.max(slowest, System.nanoTime() - start);
            }
            assertTrue(TimeUnit.NANOSECONDS.toMillis(slowest) < 50,
                    "the slowest neighbour waited " + TimeUnit.NANOSECONDS.toMillis(slowest) + " ms");
            assertTrue(replies.get(0).received.isEmpty(), "the slow handler is still in its first message");
            assertEquals("slow 1", replies.get(0).next());
            assertEquals("slow 2", replies.get(0).next());
        } finally {
            executor.shutdownNow();
        }
    }

    /** The control: without an executor the same handler holds its event loop, and its neighbours wait the second out. */
    @ParameterizedTest
    @EnumSource(Wire.class)
    void onTheEventLoopABlockingHandlerStallsItsNeighbours(Wire wire) throws Exception {
        try (WebSocketServer server = Wire.server(SessionOptions.DEFAULT, "/echo", HostilePeerTest::sleepyEcho);
             WebSocketClient client = wire.client(SessionOptions.DEFAULT)) {
            TestHandlers.Collector slow = new TestHandlers.Collector();
            TestHandlers.Collector neighbour = new TestHandlers.Collector();
            WebSocketSession slowSession = wire.open(client, server, "/echo", slow);
            WebSocketSession neighbourSession = wire.open(client, server, "/echo", neighbour);
            slowSession.sendText("slow");
            Thread.sleep(50);
            long start = System.nanoTime();
            neighbourSession.sendText("quick");
            assertEquals("quick", neighbour.next());
            long waited = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
            assertTrue(waited > 800, "the neighbour waited " + waited + " ms behind the blocked event loop");
            assertEquals("slow", slow.next());
        }
    }

    /**
     * The never-reading broadcast: the server sends 1 GiB in 64 KiB messages to a peer that reads nothing. The
     * queue stops at its bound (sends past it fail at once), the heap stays within the bound plus a fixed
     * overhead, others are served meanwhile, and once the peer reads, every accepted message arrives intact
     * and the session sends again.
     */
    @ParameterizedTest
    @EnumSource(Wire.class)
    void aBroadcastToAPeerThatNeverReadsIsBoundedAndTheSessionStaysUsable(Wire wire) throws Exception {
        long bound = 4L << 20;
        java.util.concurrent.CompletableFuture<WebSocketSession> serverSide = new java.util.concurrent.CompletableFuture<>();
        try (WebSocketServer broadcaster = Wire.server(SessionOptions.DEFAULT.withMaxQueuedOutboundBytes(bound), new WebSocketRoutes()
                     .add("/feed", r -> new AcceptConnection(), () -> new WebSocketHandler() {
                         @Override
                         public void onOpen(WebSocketSession session) {
                             serverSide.complete(session);
                         }
                     })
                     .add("/echo", r -> new AcceptConnection(), () -> new TestHandlers.Echo(CLOSES)));
             WebSocketClient client = wire.client(SessionOptions.DEFAULT)) {
            TestHandlers.Collector reader = new TestHandlers.Collector();
            WebSocketSession peer = wire.open(client, broadcaster, "/feed", reader);
            peer.pauseReading(); // a peer that reads nothing
            WebSocketSession feed = serverSide.get(10, TimeUnit.SECONDS);
            Runtime heap = Runtime.getRuntime();
            System.gc();
            long heapBefore = heap.totalMemory() - heap.freeMemory();

            byte[] message = new byte[64 * 1024];
            int accepted = 0;
            Throwable firstRefusal = null;
            long mostQueued = 0;
            for (int i = 0; i < (1 << 30) / message.length; i++) {
                java.nio.ByteBuffer.wrap(message).putInt(0, accepted);
                java.util.concurrent.CompletableFuture<Void> sent = feed.sendBinary(message.clone());
                if (sent.isCompletedExceptionally()) {
                    if (firstRefusal == null) {
                        firstRefusal = sent.handle((ok, failure) -> failure).join();
                    }
                } else {
                    accepted++;
                }
                mostQueued = Math.max(mostQueued, feed.queuedBytes());
            }
            System.gc();
            long heapGrowth = heap.totalMemory() - heap.freeMemory() - heapBefore;

            assertTrue(firstRefusal instanceof OutboundQueueFullException, "a send past the bound fails: " + firstRefusal);
            assertTrue(firstRefusal.getMessage().contains("maxQueuedOutboundBytes (" + bound + ")"), firstRefusal.getMessage());
            assertTrue(mostQueued <= bound, "queued " + mostQueued + " bytes, bound " + bound);
            assertTrue(accepted < 1024, accepted + " of 16,384 messages accepted: the rest were refused");
            assertTrue(heapGrowth < bound + (24L << 20), "heap grew by " + (heapGrowth >> 20) + " MiB");
            assertStillServes(broadcaster.plaintextPort());

            peer.resumeReading();
            for (int i = 0; i < accepted; i++) {
                byte[] got = (byte[]) reader.next();
                assertEquals(message.length, got.length);
                assertEquals(i, java.nio.ByteBuffer.wrap(got).getInt(0), "message " + i + " arrived in order");
            }
            awaitUpTo(10, () -> feed.queuedBytes() == 0);
            assertEquals(0, feed.queuedBytes(), "the queue drained");
            feed.sendText("still usable").get(10, TimeUnit.SECONDS);
            assertEquals("still usable", reader.next());
        }
    }

    /** With {@code closeOnOutboundOverflow} the same peer is closed with 1008 instead. */
    @ParameterizedTest
    @EnumSource(Wire.class)
    void aFullQueueCanCloseWith1008(Wire wire) throws Exception {
        java.util.concurrent.CompletableFuture<WebSocketSession> serverSide = new java.util.concurrent.CompletableFuture<>();
        SessionOptions options = SessionOptions.DEFAULT.withMaxQueuedOutboundBytes(1 << 20).withCloseOnOutboundOverflow(true);
        try (WebSocketServer broadcaster = Wire.server(options, "/feed", () -> new WebSocketHandler() {
                 @Override
                 public void onOpen(WebSocketSession session) {
                     serverSide.complete(session);
                 }
             });
             WebSocketClient client = wire.client(SessionOptions.DEFAULT)) {
            TestHandlers.Collector reader = new TestHandlers.Collector();
            WebSocketSession peer = wire.open(client, broadcaster, "/feed", reader);
            peer.pauseReading(); // a peer that reads nothing
            WebSocketSession feed = serverSide.get(10, TimeUnit.SECONDS);
            java.util.concurrent.CompletableFuture<Void> sent;
            do {
                sent = feed.sendBinary(new byte[64 * 1024]);
            } while (!sent.isCompletedExceptionally());
            peer.resumeReading();
            assertEquals(1008, reader.closed.get(10, TimeUnit.SECONDS));
        }
    }

    /** Waits until {@code done} holds or {@code seconds} pass; the assertions that follow say what was expected. */
    private static void awaitUpTo(int seconds, java.util.function.BooleanSupplier done) throws InterruptedException {
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (!done.getAsBoolean() && System.nanoTime() < until) {
            Thread.sleep(10);
        }
    }

    private static int readToEnd(Socket s) throws IOException {
        try {
            byte[] b = new byte[4096];
            int n;
            while ((n = s.getInputStream().read(b)) >= 0) {
                // a 408 or nothing; then the end
            }
            return n;
        } catch (java.net.SocketException reset) {
            return -1;
        }
    }
}
