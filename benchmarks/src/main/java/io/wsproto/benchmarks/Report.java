package io.wsproto.benchmarks;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * The benchmark run behind the README's performance tables: every benchmark of this module in one JMH
 * run, each in 3 forks (2 warmup iterations of 0.5 s and one measured second per fork; JMH's gc profiler
 * on), then one table per benchmark with the median of the forks, the spread of wsproto's forks (half the
 * range, relative to the median), wsproto's ratio to each peer's median and its allocation per message.
 * {@code -Dreport.forks=1} for a quick look. About 20 minutes on 2 cores:
 *
 * <pre>java -cp benchmarks/target/benchmarks.jar io.wsproto.benchmarks.Report [DIR]</pre>
 *
 * The tables are printed and written to {@code DIR/benchmark-report.md} (default {@code benchmarks/target}).
 */
public final class Report {
    private Report() {
    }

    /** One benchmark method at one parameter set. */
    private record Row(String benchmark, String method, Map<String, String> params, double score, double spread, double allocPerOp) {
    }

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args.length > 0 ? args[0] : "benchmarks/target");
        Options options = new OptionsBuilder()
                .include(System.getProperty("report.include",
                        "io\\.wsproto\\.benchmarks\\.(Decode|BigReadDecode|SplitDecode|Encode|Deflate)Benchmark\\."))
                .warmupIterations(2).warmupTime(TimeValue.milliseconds(500))
                .measurementIterations(1).measurementTime(TimeValue.seconds(1))
                .forks(Integer.getInteger("report.forks", 3)).addProfiler("gc").shouldFailOnError(true)
                .build();
        Collection<RunResult> results = new Runner(options).run();
        List<Row> rows = new ArrayList<>();
        for (RunResult r : results) {
            String label = r.getParams().getBenchmark();
            String method = label.substring(label.lastIndexOf('.') + 1);
            String benchmark = label.substring(label.lastIndexOf('.', label.lastIndexOf('.') - 1) + 1, label.lastIndexOf('.'));
            Map<String, String> params = new LinkedHashMap<>();
            for (String key : r.getParams().getParamsKeys()) {
                params.put(key, r.getParams().getParam(key));
            }
            Result<?> alloc = r.getSecondaryResults().get("·gc.alloc.rate.norm");
            if (alloc == null) {
                alloc = r.getSecondaryResults().get("gc.alloc.rate.norm");
            }
            double[] forks = r.getBenchmarkResults().stream().mapToDouble(f -> f.getPrimaryResult().getScore()).sorted().toArray();
            double median = forks[forks.length / 2];
            double spread = (forks[forks.length - 1] - forks[0]) / median;
            rows.add(new Row(benchmark, method, params, median, spread, alloc == null ? Double.NaN : alloc.getScore()));
        }
        String markdown = tables(rows) + "\n## Idle connection footprint\n\n" + IdleFootprint.table();
        System.out.println();
        System.out.println(markdown);
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("benchmark-report.md"), markdown, StandardCharsets.UTF_8);
        System.out.println("written to " + dir.resolve("benchmark-report.md"));
    }

    static String tables(List<Row> rows) {
        StringBuilder b = new StringBuilder();
        b.append("## Decode, many frames per buffer (one operation = 64 KiB of frames)\n\n");
        peerTable(b, rows, "DecodeBenchmark", "netty", "jetty", Inputs.BATCH_BYTES);
        b.append("\n## Decode, 4 MiB per call (one operation = 4 MiB of frames)\n\n");
        peerTable(b, rows, "BigReadDecodeBenchmark", "netty", "jetty", Inputs.BIG_READ_BYTES);
        b.append("\n## Decode, one frame split into 1460-byte reads (one operation = one frame)\n\n");
        peerTable(b, rows, "SplitDecodeBenchmark", "netty", "jetty", 0);
        b.append("\n## Encode with masking, client side (one operation = one message)\n\n");
        peerTable(b, rows, "EncodeBenchmark", "netty", "jetty", 0);
        b.append("\n## permessage-deflate round trip (one operation = compress and inflate one message)\n\n");
        peerTable(b, rows, "DeflateBenchmark", "rawZlib", null, 0);
        return b.toString();
    }

    /** One table; {@code batchBytes} above zero when one operation decodes that many bytes of frames. */
    private static void peerTable(StringBuilder b, List<Row> rows, String benchmark, String peer1, String peer2, int batchBytes) {
        b.append("| parameters | wsproto ops/s | spread | ").append(peer1).append(" ops/s | ");
        if (peer2 != null) {
            b.append(peer2).append(" ops/s | ");
        }
        b.append("× ").append(peer1).append(" | ");
        if (peer2 != null) {
            b.append("× ").append(peer2).append(" | ");
        }
        b.append("wsproto B allocated per message |\n|---|---|---|---|");
        b.append(peer2 != null ? "---|---|---|---|\n" : "---|---|\n");
        Map<String, Map<String, Row>> byParams = new LinkedHashMap<>();
        for (Row r : rows) {
            if (r.benchmark().equals(benchmark)) {
                byParams.computeIfAbsent(r.params().toString(), k -> new LinkedHashMap<>()).put(r.method(), r);
            }
        }
        for (Map.Entry<String, Map<String, Row>> e : byParams.entrySet()) {
            Row ours = e.getValue().get("wsproto");
            Row p1 = e.getValue().get(peer1);
            Row p2 = peer2 == null ? null : e.getValue().get(peer2);
            if (ours == null || p1 == null) {
                continue;
            }
            double perMessage = ours.allocPerOp();
            if (batchBytes > 0) {
                perMessage /= Inputs.framesPerBatch(Integer.parseInt(ours.params().get("size")), batchBytes);
            }
            b.append("| ").append(String.join(", ", ours.params().values())).append(" | ").append(num(ours.score()))
                    .append(" | ").append(String.format(Locale.ROOT, "±%.0f %%", 50 * ours.spread()))
                    .append(" | ").append(num(p1.score())).append(" | ");
            if (peer2 != null) {
                b.append(p2 == null ? "" : num(p2.score())).append(" | ");
            }
            b.append(ratio(ours.score() / p1.score())).append(" | ");
            if (peer2 != null) {
                b.append(p2 == null ? "" : ratio(ours.score() / p2.score())).append(" | ");
            }
            b.append(Double.isNaN(perMessage) ? "" : num(perMessage)).append(" |\n");
        }
    }

    private static String num(double v) {
        return String.format(Locale.ROOT, "%,.0f", v);
    }

    private static String ratio(double v) {
        return String.format(Locale.ROOT, "%.2f", v);
    }
}
