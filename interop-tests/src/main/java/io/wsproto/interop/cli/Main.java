package io.wsproto.interop.cli;

import java.io.PrintStream;
import java.util.Arrays;

/**
 * {@code java -jar wsproto-interop.jar serve|client|matrix ...}: the interop harness. {@code serve} is an
 * echo server on HTTP/1.1, h2c and TLS; {@code client} runs an echo plan against any WebSocket server;
 * {@code matrix} runs every client against every server;
 * {@code conformance} runs the protocol catalogue against wsproto and Jetty in both roles.
 */
public final class Main {
    static final String USAGE = """
            usage: java -jar wsproto-interop.jar serve [--host H] [--port P] [--tls-port P] [--max-message-size BYTES] [--no-deflate]
                   java -jar wsproto-interop.jar client URL [--h2] [--deflate] [--messages N] [--size BYTES] [--subprotocol NAME] [--insecure]
                   java -jar wsproto-interop.jar matrix [--report DIR] [--clients A,B] [--servers C,D]
                   java -jar wsproto-interop.jar conformance [--report DIR] [--only wsproto|'Jetty 12']
            """;

    private Main() {
    }

    public static void main(String[] args) throws Exception {
        System.exit(run(args, System.out, System.err));
    }

    static int run(String[] args, PrintStream out, PrintStream err) throws Exception {
        if (args.length == 0) {
            err.print(USAGE);
            return 2;
        }
        String[] rest = Arrays.copyOfRange(args, 1, args.length);
        try {
            return switch (args[0]) {
                case "serve" -> ServeCommand.run(rest, out);
                case "client" -> ClientCommand.run(rest, out);
                case "matrix" -> MatrixCommand.run(rest, out);
                case "conformance" -> ConformanceCommand.run(rest, out);
                default -> {
                    err.print("unknown command " + args[0] + "\n" + USAGE);
                    yield 2;
                }
            };
        } catch (IllegalArgumentException e) {
            err.println(e.getMessage());
            err.print(USAGE);
            return 2;
        }
    }
}
