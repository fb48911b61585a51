package io.wsproto.interop.cli;

import io.wsproto.interop.matrix.Matrix;
import io.wsproto.interop.matrix.Report;
import io.wsproto.interop.matrix.Result;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

/**
 * {@code matrix}: every client against every server over h1, h2c, TLS h2, TLS h1 and nghttpx both ways, with
 * and without permessage-deflate; prints the table and writes it as Markdown and JSON. Exits 1 when a cell with
 * wsproto as client or server failed; failures between two other implementations are reported only.
 * {@code --clients} and {@code --servers} (comma-separated names, as in the table) run part of it.
 */
final class MatrixCommand {
    static final String DEFAULT_REPORT = "interop-tests/target/interop-report";
    static final String USAGE = """
            usage: java -jar wsproto-interop.jar matrix [--report DIR] [--clients A,B] [--servers C,D]
              runs every client against every server over h1, h2c, TLS h2, TLS h1 and nghttpx both ways
              (h2c->h1, h1->h2c), with and without permessage-deflate, prints a table per transport and writes it as Markdown and JSON; exits 1
              when a cell with wsproto on either side failed. Peers missing from this machine are listed as
              absent with how to get them (scripts/install-peers.sh installs them all).
              --report DIR         where the report goes (default interop-tests/target/interop-report)
              --clients A,B        only these clients (names as in the table)
              --servers C,D        only these servers
            """;

    private MatrixCommand() {
    }

    static int run(String[] argv, PrintStream out) throws Exception {
        Args args = new Args(argv, Set.of("--report", "--clients", "--servers"), Set.of());
        if (!args.positional.isEmpty()) {
            throw new IllegalArgumentException("matrix takes no positional arguments: " + args.positional);
        }
        Path dir = Path.of(args.get("--report", DEFAULT_REPORT));
        Matrix matrix = Matrix.everyone().only(names(args.get("--clients", null)), names(args.get("--servers", null)));
        List<Result> results = matrix.run(out);
        Report report = matrix.report(results);
        out.println();
        out.print(report.text());
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("interop-matrix.md"), report.markdown(), StandardCharsets.UTF_8);
        Files.writeString(dir.resolve("interop-matrix.json"), report.json(), StandardCharsets.UTF_8);
        out.println("report written to " + dir.resolve("interop-matrix.md") + " and " + dir.resolve("interop-matrix.json"));
        long ours = report.failuresInvolving("wsproto");
        long others = report.count(Result.Outcome.FAIL) - ours;
        if (others > 0) {
            out.println(others + " failure(s) between other implementations only: reported, not counted against wsproto (see the README's interop section)");
        }
        return ours == 0 ? 0 : 1;
    }

    /** A comma-separated list of participant names, or null for everyone. */
    private static Set<String> names(String list) {
        return list == null ? null : Set.of(list.split("\\s*,\\s*"));
    }
}
