package io.wsproto.interop.conformance;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Runs the {@link Catalogue} against implementations in both roles over h1 and h2, and reports per case
 * OK, NON-STRICT or FAILED with the RFC section.
 */
public final class Conformance {
    /** A case that runs longer than this is stopped (its connection closed) and FAILED. */
    private static final long CASE_LIMIT_SECONDS = 30;

    /** One case against one implementation-role-transport. */
    public record Row(Case testCase, String sut, String implementation, Result result) {
    }

    private final List<Row> rows = new ArrayList<>();
    private final List<String> columns = new ArrayList<>();

    private Conformance() {
    }

    /** The implementations the catalogue knows, ours first. */
    public static final List<String> IMPLEMENTATIONS = List.of(Implementations.WSPROTO, Implementations.JETTY);

    /** Runs the whole catalogue against the named implementations. */
    public static Conformance run(List<String> implementations, PrintStream progress) throws Exception {
        return run(implementations, Catalogue.all(), progress);
    }

    /** Runs every case against every role and transport of the named implementations. */
    static Conformance run(List<String> implementations, List<Case> cases, PrintStream progress) throws Exception {
        Conformance c = new Conformance();
        ScheduledExecutorService watchdog = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "conformance watchdog");
            t.setDaemon(true);
            return t;
        });
        try {
            for (String implementation : implementations) {
                List<Sut> suts = Implementations.of(implementation);
                try {
                    for (Sut sut : suts) {
                        c.columns.add(sut.label());
                        Map<Result.Verdict, Integer> counts = new EnumMap<>(Result.Verdict.class);
                        long start = System.nanoTime();
                        for (Case k : cases) {
                            Result r = runOne(k, sut, watchdog);
                            c.rows.add(new Row(k, sut.label(), implementation, r));
                            counts.merge(r.verdict(), 1, Integer::sum);
                            if (r.verdict() == Result.Verdict.FAILED || r.verdict() == Result.Verdict.NON_STRICT) {
                                progress.printf("  %-5s %-10s %s: %s%n", k.id(), r.verdict().label(), k.title(), r.detail());
                            }
                        }
                        progress.printf("%s: %s (%.1f s)%n", sut.label(), counts, (System.nanoTime() - start) / 1e9);
                    }
                } finally {
                    for (Sut sut : suts) {
                        try {
                            sut.close();
                        } catch (Exception ignored) {
                            // stopping anyway
                        }
                    }
                }
            }
        } finally {
            watchdog.shutdownNow();
        }
        return c;
    }

    private static Result runOne(Case k, Sut sut, ScheduledExecutorService watchdog) {
        if (!k.roles().contains(sut.role)) {
            return new Result(Result.Verdict.NOT_APPLICABLE, "the rule is for the " + (sut.role == Role.SERVER ? "client" : "server"));
        }
        AtomicReference<Probe> probe = new AtomicReference<>();
        ScheduledFuture<?> stop = watchdog.schedule(() -> {
            Probe p = probe.get();
            if (p != null) {
                p.close();
            }
        }, CASE_LIMIT_SECONDS, TimeUnit.SECONDS);
        try (Probe p = sut.open(k.negotiation())) {
            probe.set(p);
            return k.script().run(p);
        } catch (Sut.Rejected e) {
            return Result.failed("rejected the handshake with " + e.status
                    + (k.negotiation().offer() == null ? "" : " rather than declining the offer \"" + k.negotiation().offer() + "\""));
        } catch (Exception e) {
            return Result.failed("the case could not run: " + e);
        } finally {
            stop.cancel(false);
        }
    }

    public List<Row> rows() {
        return rows;
    }

    /** The rows of one implementation whose verdict is not OK (nor not applicable). */
    public List<Row> deviations(String implementation) {
        return rows.stream().filter(r -> r.implementation().equals(implementation))
                .filter(r -> r.result().verdict() == Result.Verdict.FAILED || r.result().verdict() == Result.Verdict.NON_STRICT).toList();
    }

    // ------------------------------------------------------------------ reports

    private Map<Case, Map<String, Result>> table() {
        Map<Case, Map<String, Result>> t = new LinkedHashMap<>();
        for (Row r : rows) {
            t.computeIfAbsent(r.testCase(), k -> new LinkedHashMap<>()).put(r.sut(), r.result());
        }
        return t;
    }

    /** Counts per column, then every case that is not OK somewhere, with what was seen. */
    public void printText(PrintStream out) {
        out.println();
        for (String col : columns) {
            Map<Result.Verdict, Integer> counts = new EnumMap<>(Result.Verdict.class);
            rows.stream().filter(r -> r.sut().equals(col)).forEach(r -> counts.merge(r.result().verdict(), 1, Integer::sum));
            out.printf("%-22s OK %3d  NON-STRICT %3d  FAILED %3d  n/a %3d%n", col, counts.getOrDefault(Result.Verdict.OK, 0),
                    counts.getOrDefault(Result.Verdict.NON_STRICT, 0), counts.getOrDefault(Result.Verdict.FAILED, 0),
                    counts.getOrDefault(Result.Verdict.NOT_APPLICABLE, 0));
        }
        out.println();
        table().forEach((k, cells) -> cells.forEach((col, r) -> {
            if (r.verdict() == Result.Verdict.FAILED || r.verdict() == Result.Verdict.NON_STRICT) {
                out.printf("%-5s %-22s %-10s %s [%s]: %s%n", k.id(), col, r.verdict().label(), k.title(), k.section(), r.detail());
            }
        }));
    }

    public String markdown() {
        StringBuilder b = new StringBuilder("# Conformance catalogue\n\n");
        b.append("Every implementation is configured for messages up to ").append(Catalogue.LIMIT >> 20)
                .append(" MiB and echoes each message. OK: what the RFC asks; NON-STRICT: acceptable but looser; FAILED: wrong.\n\n");
        b.append("| case | rule | ");
        columns.forEach(c -> b.append(c).append(" | "));
        b.append("\n|---|---|").append("---|".repeat(columns.size())).append('\n');
        String category = null;
        for (Map.Entry<Case, Map<String, Result>> e : table().entrySet()) {
            Case k = e.getKey();
            if (!k.category().equals(category)) {
                category = k.category();
                b.append("| **").append(k.id().substring(0, k.id().indexOf('.'))).append("** | **").append(category).append("** |")
                        .append(" |".repeat(columns.size())).append('\n');
            }
            b.append("| ").append(k.id()).append(' ').append(escape(k.title())).append(" | ").append(escape(k.section())).append(" | ");
            for (String col : columns) {
                Result r = e.getValue().get(col);
                b.append(r == null ? "" : r.verdict().label()).append(" | ");
            }
            b.append('\n');
        }
        b.append("\n## Details of every case not OK\n\n");
        for (Row r : rows) {
            if (r.result().verdict() == Result.Verdict.FAILED || r.result().verdict() == Result.Verdict.NON_STRICT) {
                b.append("- ").append(r.testCase().id()).append(" ").append(r.sut()).append(": **").append(r.result().verdict().label())
                        .append("** ").append(escape(r.result().detail())).append('\n');
            }
        }
        return b.toString();
    }

    public String json() {
        StringBuilder b = new StringBuilder("{\"limit\":").append(Catalogue.LIMIT).append(",\"results\":[");
        for (int i = 0; i < rows.size(); i++) {
            Row r = rows.get(i);
            b.append(i == 0 ? "" : ",").append("\n{\"case\":").append(quote(r.testCase().id())).append(",\"category\":")
                    .append(quote(r.testCase().category())).append(",\"title\":").append(quote(r.testCase().title()))
                    .append(",\"section\":").append(quote(r.testCase().section())).append(",\"sut\":").append(quote(r.sut()))
                    .append(",\"verdict\":").append(quote(r.result().verdict().label())).append(",\"detail\":")
                    .append(quote(r.result().detail())).append('}');
        }
        return b.append("\n]}\n").toString();
    }

    public void write(Path dir) throws IOException {
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("conformance.md"), markdown(), StandardCharsets.UTF_8);
        Files.writeString(dir.resolve("conformance.json"), json(), StandardCharsets.UTF_8);
    }

    private static String escape(String s) {
        return s.replace("|", "\\|").replace("\n", " ");
    }

    private static String quote(String s) {
        StringBuilder b = new StringBuilder("\"");
        for (char ch : s.toCharArray()) {
            if (ch == '"' || ch == '\\') {
                b.append('\\').append(ch);
            } else if (ch < 0x20) {
                b.append(String.format("\\u%04x", (int) ch));
            } else {
                b.append(ch);
            }
        }
        return b.append('"').toString();
    }
}
