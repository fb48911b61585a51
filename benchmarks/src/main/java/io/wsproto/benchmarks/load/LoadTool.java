package io.wsproto.benchmarks.load;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.handler.ssl.ApplicationProtocolConfig;
import io.netty.handler.ssl.ApplicationProtocolNames;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.util.InsecureTrustManagerFactory;
import io.wsproto.Limits;
import io.wsproto.events.BytesMessage;
import io.wsproto.events.Event;
import io.wsproto.events.Request;
import io.wsproto.h1.BlockingWebSocket;
import io.wsproto.h1.WebSocketOptions;
import io.wsproto.h2.Http2WebSocketClient;
import io.wsproto.h2.SessionOptions;
import io.wsproto.h2.WebSocketHandler;
import io.wsproto.h2.WebSocketSession;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * End-to-end load on loopback: the same client, with the same settings, against our echo server and
 * Jetty 12's, each in a process of its own, over HTTP/1.1, h2c and TLS h2. Over HTTP/2 the client opens
 * N connections with M WebSocket streams each; over HTTP/1.1 it opens N×M connections (the same number of
 * WebSockets). Each WebSocket sends its share of the messages one at a time, waiting for each echo and
 * checking it. Reports messages/s, MB/s, round-trip percentiles and the server's heap after GC, and the
 * ratios of ours to Jetty.
 *
 * <pre>java -cp benchmarks/target/benchmarks.jar io.wsproto.benchmarks.load.LoadTool
 *        [--connections N] [--streams M] [--size BYTES] [--messages COUNT] [--report DIR]
 *        [--transports h1,h2c,tls] [--servers ours,jetty]</pre>
 *
 * <p>{@code -Dload.serverJvmArgs="..."} adds JVM options to each server process ({@code {server}} in them
 * becomes {@code ours} or {@code jetty}), e.g. a flight recording of each.
 */
public final class LoadTool {
    private LoadTool() {
    }

    record Settings(int connections, int streams, int size, int messages) {
        int websockets() {
            return connections * streams;
        }
    }

    record Outcome(String transport, String server, double messagesPerSecond, double megabytesPerSecond,
                   long p50, long p99, long p999, long serverHeap) {
    }

    public static void main(String[] args) throws Exception {
        int connections = 4;
        int streams = 16;
        int size = 1024;
        int messages = 200_000;
        Path report = Path.of("benchmarks/target");
        List<String> transports = List.of("h1", "h2c", "tls h2");
        List<String> servers = List.of("ours", "jetty");
        int rounds = 3;
        for (int i = 0; i < args.length; i += 2) {
            String value = args[i + 1];
            switch (args[i]) {
                case "--connections" -> connections = Integer.parseInt(value);
                case "--streams" -> streams = Integer.parseInt(value);
                case "--size" -> size = Integer.parseInt(value);
                case "--messages" -> messages = Integer.parseInt(value);
                case "--report" -> report = Path.of(value);
                case "--transports" -> transports = Arrays.stream(value.split(",")).map(t -> t.equals("tls") ? "tls h2" : t).toList();
                case "--servers" -> servers = List.of(value.split(","));
                case "--rounds" -> rounds = Integer.parseInt(value);
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        Settings settings = new Settings(connections, streams, size, messages);
        System.out.printf("load: %d WebSockets (%d h2 connections x %d streams; %d h1 connections), %d messages of %d B each run, "
                + "%d rounds%n", settings.websockets(), connections, streams, settings.websockets(), messages, size, rounds);
        Map<String, List<Outcome>> byCell = new LinkedHashMap<>();
        List<ServerProcess> started = new ArrayList<>();
        try {
            for (String name : servers) {
                started.add(ServerProcess.start(name));
            }
            // Warm every JVM on every path first, with as many messages as a measured run: the client is one JVM
            // for all runs, and whichever server ran second used to meet a client the first had already warmed
            // (0.73x became 1.56x by swapping them); a server's JIT also needs more than a few seconds.
            Settings warmUp = settings;
            for (String transport : transports) {
                for (ServerProcess server : started) {
                    run(transport, server, warmUp);
                }
            }
            for (int round = 0; round < rounds; round++) {
                for (String transport : transports) {
                    List<ServerProcess> order = new ArrayList<>(started);
                    if (round % 2 == 1) {
                        java.util.Collections.reverse(order); // alternate who goes first
                    }
                    for (ServerProcess server : order) {
                        Outcome o = run(transport, server, settings);
                        o = new Outcome(o.transport(), o.server(), o.messagesPerSecond(), o.megabytesPerSecond(), o.p50(), o.p99(), o.p999(),
                                server.heap());
                        byCell.computeIfAbsent(transport + "|" + server.name, k -> new ArrayList<>()).add(o);
                        System.out.printf("  round %d  %-7s %-9s %,10.0f msg/s  p50 %,6d us  p99 %,6d us  p999 %,6d us  heap %,d MiB%n", round + 1,
                                transport, server.name, o.messagesPerSecond(), o.p50(), o.p99(), o.p999(), o.serverHeap() >> 20);
                    }
                }
            }
        } finally {
            for (ServerProcess server : started) {
                server.close();
            }
        }
        List<Outcome> outcomes = new ArrayList<>();
        List<String> spreads = new ArrayList<>();
        for (String transport : transports) {
            for (ServerProcess server : started) {
                List<Outcome> runs = byCell.get(transport + "|" + server.name);
                outcomes.add(median(runs));
                double min = runs.stream().mapToDouble(Outcome::messagesPerSecond).min().orElse(0);
                double max = runs.stream().mapToDouble(Outcome::messagesPerSecond).max().orElse(0);
                spreads.add(String.format(Locale.ROOT, "%,.0f-%,.0f", min, max));
            }
        }
        String table = table(settings, rounds, outcomes, spreads);
        System.out.println();
        System.out.println(table);
        Files.createDirectories(report);
        Files.writeString(report.resolve("load-report.md"), table, StandardCharsets.UTF_8);
        System.out.println("written to " + report.resolve("load-report.md"));
    }

    /** Each figure the median of its runs (taken figure by figure). */
    static Outcome median(List<Outcome> runs) {
        Outcome first = runs.get(0);
        return new Outcome(first.transport(), first.server(), medianOf(runs, Outcome::messagesPerSecond), medianOf(runs, Outcome::megabytesPerSecond),
                (long) medianOf(runs, o -> o.p50()), (long) medianOf(runs, o -> o.p99()), (long) medianOf(runs, o -> o.p999()),
                (long) medianOf(runs, o -> o.serverHeap()));
    }

    private static double medianOf(List<Outcome> runs, java.util.function.ToDoubleFunction<Outcome> figure) {
        double[] values = runs.stream().mapToDouble(figure).sorted().toArray();
        return values[values.length / 2];
    }

    static String table(Settings s, int rounds, List<Outcome> outcomes, List<String> spreads) {
        StringBuilder b = new StringBuilder(String.format(Locale.ROOT,
                "%d WebSockets (HTTP/2: %d connections x %d streams; HTTP/1.1: %d connections), %,d messages of %d B, one in flight per "
                        + "WebSocket; medians of %d rounds (servers alternating first), after a warm-up of every path%n%n",
                s.websockets(), s.connections(), s.streams(), s.websockets(), s.messages(), s.size(), rounds));
        b.append("| transport | server | messages/s | spread of messages/s | MB/s (each way) | p50 µs | p99 µs | p99.9 µs | server heap after GC |\n");
        b.append("|---|---|---|---|---|---|---|---|---|\n");
        for (int i = 0; i < outcomes.size(); i++) {
            Outcome o = outcomes.get(i);
            b.append(String.format(Locale.ROOT, "| %s | %s | %,.0f | %s | %.1f | %,d | %,d | %,d | %,d MiB |%n", o.transport(), o.server(),
                    o.messagesPerSecond(), spreads.get(i), o.megabytesPerSecond(), o.p50(), o.p99(), o.p999(), o.serverHeap() >> 20));
        }
        b.append("\n| transport | ours ÷ Jetty messages/s | Jetty ÷ ours p99 (above 1: ours is faster) |\n|---|---|---|\n");
        for (int i = 0; i + 1 < outcomes.size() && outcomes.get(i + 1).server().equals("Jetty 12"); i += 2) {
            Outcome ours = outcomes.get(i);
            Outcome jetty = outcomes.get(i + 1);
            b.append(String.format(Locale.ROOT, "| %s | %.2f | %.2f |%n", ours.transport(), ours.messagesPerSecond() / jetty.messagesPerSecond(),
                    (double) jetty.p99() / Math.max(1, ours.p99())));
        }
        return b.toString();
    }

    private static Outcome run(String transport, ServerProcess server, Settings s) throws Exception {
        byte[] payload = new byte[s.size()];
        new Random(1).nextBytes(payload);
        int perSocket = Math.max(1, s.messages() / s.websockets());
        long[][] latencies = new long[s.websockets()][];
        long start = System.nanoTime();
        if (transport.equals("h1")) {
            ExecutorService threads = Executors.newFixedThreadPool(s.websockets());
            try {
                List<Future<?>> done = new ArrayList<>();
                for (int w = 0; w < s.websockets(); w++) {
                    int index = w;
                    done.add(threads.submit(() -> {
                        latencies[index] = h1Socket(server.h1Port, payload, perSocket);
                        return null;
                    }));
                }
                for (Future<?> f : done) {
                    f.get(10, TimeUnit.MINUTES);
                }
            } finally {
                threads.shutdownNow();
            }
        } else {
            boolean tls = transport.startsWith("tls");
            SslContext ssl = tls ? SslContextBuilder.forClient().trustManager(InsecureTrustManagerFactory.INSTANCE) // loopback only
                    .applicationProtocolConfig(new ApplicationProtocolConfig(ApplicationProtocolConfig.Protocol.ALPN,
                            ApplicationProtocolConfig.SelectorFailureBehavior.NO_ADVERTISE,
                            ApplicationProtocolConfig.SelectedListenerFailureBehavior.ACCEPT, ApplicationProtocolNames.HTTP_2)).build() : null;
            EventLoopGroup group = new MultiThreadIoEventLoopGroup(2, NioIoHandler.newFactory());
            List<Http2WebSocketClient> clients = new ArrayList<>();
            try {
                List<CompletableFuture<long[]>> done = new ArrayList<>();
                for (int c = 0; c < s.connections(); c++) {
                    Http2WebSocketClient client = Http2WebSocketClient.connect(tls ? "localhost" : "127.0.0.1",
                            tls ? server.tlsPort : server.h2cPort, ssl, SessionOptions.DEFAULT.withLimits(Limits.forMessagesUpTo(64 << 20)), group)
                            .get(10, TimeUnit.SECONDS);
                    clients.add(client);
                    for (int st = 0; st < s.streams(); st++) {
                        StreamLoad load = new StreamLoad(payload, perSocket);
                        client.open(new Request("127.0.0.1", "/echo"), load).whenComplete((session, failure) -> {
                            if (failure != null) {
                                load.done.completeExceptionally(failure);
                            }
                        });
                        done.add(load.done);
                    }
                }
                for (int i = 0; i < done.size(); i++) {
                    latencies[i] = done.get(i).get(10, TimeUnit.MINUTES);
                }
            } finally {
                clients.forEach(Http2WebSocketClient::close);
                group.shutdownGracefully(0, 1, TimeUnit.SECONDS);
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        long[] all = Arrays.stream(latencies).flatMapToLong(Arrays::stream).sorted().toArray();
        double rate = all.length / seconds;
        return new Outcome(transport, server.name, rate, rate * s.size() / 1e6, percentile(all, 0.50), percentile(all, 0.99),
                percentile(all, 0.999), 0);
    }

    private static long percentile(long[] sorted, double p) {
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p * sorted.length) - 1)] / 1000;
    }

    /** One HTTP/1.1 WebSocket: send, wait for the echo, check it, record the round trip. */
    private static long[] h1Socket(int port, byte[] payload, int count) throws IOException {
        long[] rtt = new long[count];
        WebSocketOptions options = new WebSocketOptions().limits(Limits.forMessagesUpTo(64 << 20)).readTimeout(Duration.ofSeconds(60));
        try (BlockingWebSocket ws = BlockingWebSocket.connect(URI.create("ws://127.0.0.1:" + port + "/echo"), options)) {
            for (int i = 0; i < count; i++) {
                long t0 = System.nanoTime();
                ws.send(new BytesMessage(payload));
                Event e = ws.receive();
                rtt[i] = System.nanoTime() - t0;
                if (!(e instanceof BytesMessage echo) || !Arrays.equals(echo.data(), payload)) {
                    throw new IOException("a wrong echo: " + e);
                }
            }
        }
        return rtt;
    }

    /** One HTTP/2 WebSocket stream, driven by its callbacks. */
    private static final class StreamLoad implements WebSocketHandler {
        final CompletableFuture<long[]> done = new CompletableFuture<>();
        private final byte[] payload;
        private final long[] rtt;
        private int sent;
        private long t0;

        StreamLoad(byte[] payload, int count) {
            this.payload = payload;
            this.rtt = new long[count];
        }

        @Override
        public void onOpen(WebSocketSession session) {
            next(session);
        }

        private void next(WebSocketSession session) {
            if (sent == rtt.length) {
                session.close(1000, "");
                return;
            }
            t0 = System.nanoTime();
            session.sendBinary(payload);
        }

        @Override
        public void onBinary(WebSocketSession session, byte[] data) {
            rtt[sent++] = System.nanoTime() - t0;
            if (!Arrays.equals(data, payload)) {
                done.completeExceptionally(new IOException("a wrong echo of " + data.length + " bytes"));
                return;
            }
            next(session);
        }

        @Override
        public void onClose(WebSocketSession session, int code, String reason) {
            if (sent == rtt.length) {
                done.complete(rtt);
            } else {
                done.completeExceptionally(new IOException("closed " + code + " " + reason + " after " + sent + " messages"));
            }
        }
    }

    /** An echo server in a child JVM (see {@link EchoServerProcess}). */
    static final class ServerProcess implements AutoCloseable {
        final String name;
        final Process process;
        final BufferedReader out;
        final PrintWriter in;
        final int h1Port;
        final int h2cPort;
        final int tlsPort;

        private ServerProcess(String name, Process process) throws IOException {
            this.name = name.equals("ours") ? "wsproto" : "Jetty 12";
            this.process = process;
            this.out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
            this.in = new PrintWriter(process.getOutputStream(), true, StandardCharsets.UTF_8);
            String line;
            while ((line = out.readLine()) != null && !line.startsWith("ports ")) {
                // the server's own start-up lines
            }
            if (line == null) {
                throw new IOException(name + " server did not start");
            }
            String[] ports = line.split(" ");
            h1Port = Integer.parseInt(ports[1]);
            h2cPort = Integer.parseInt(ports[2]);
            tlsPort = Integer.parseInt(ports[3]);
        }

        static ServerProcess start(String name) throws IOException {
            String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
            List<String> command = new ArrayList<>(List.of(java, "-Xmx1g"));
            String extra = System.getProperty("load.serverJvmArgs", "").replace("{server}", name); // e.g. a JFR recording
            if (!extra.isBlank()) {
                command.addAll(List.of(extra.trim().split("\\s+")));
            }
            command.addAll(List.of("-cp", System.getProperty("java.class.path"), EchoServerProcess.class.getName(), name));
            Process p = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
            return new ServerProcess(name, p);
        }

        long heap() throws IOException {
            in.println("heap");
            String line;
            while ((line = out.readLine()) != null && !line.startsWith("heap ")) {
                // other output
            }
            return line == null ? -1 : Long.parseLong(line.substring(5));
        }

        @Override
        public void close() throws Exception {
            in.println("quit");
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        }
    }
}
