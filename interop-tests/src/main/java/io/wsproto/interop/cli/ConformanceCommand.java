package io.wsproto.interop.cli;

import io.wsproto.interop.conformance.Conformance;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

/**
 * {@code conformance}: the protocol catalogue against wsproto and Jetty 12, each as server and as client,
 * over h1 and h2c; prints the deviations and writes the full table as Markdown and JSON. Exits 1 when a
 * wsproto case is not OK. {@code --only NAME} runs one implementation.
 */
final class ConformanceCommand {
    static final String USAGE = """
            usage: java -jar wsproto-interop.jar conformance [--report DIR] [--only wsproto|'Jetty 12']
              runs the protocol catalogue (RFC 6455 and RFC 7692) against each implementation as server and as
              client, over h1 and h2c; prints the deviations, writes the table as Markdown and JSON, and exits 1
              when a wsproto case is not OK.
              --report DIR   where the report goes (default interop-tests/target/interop-report)
              --only NAME    one implementation
            """;

    private ConformanceCommand() {
    }

    static int run(String[] argv, PrintStream out) throws Exception {
        Args args = new Args(argv, Set.of("--report", "--only"), Set.of());
        if (!args.positional.isEmpty()) {
            throw new IllegalArgumentException("conformance takes no positional arguments: " + args.positional);
        }
        String only = args.get("--only", null);
        List<String> implementations = only == null ? Conformance.IMPLEMENTATIONS : List.of(only);
        if (!Conformance.IMPLEMENTATIONS.containsAll(implementations)) {
            throw new IllegalArgumentException("--only takes one of " + Conformance.IMPLEMENTATIONS);
        }
        Path dir = Path.of(args.get("--report", MatrixCommand.DEFAULT_REPORT));
        Conformance result = Conformance.run(implementations, out);
        result.printText(out);
        result.write(dir);
        out.println("report written to " + dir.resolve("conformance.md") + " and " + dir.resolve("conformance.json"));
        return result.deviations("wsproto").isEmpty() ? 0 : 1;
    }
}
