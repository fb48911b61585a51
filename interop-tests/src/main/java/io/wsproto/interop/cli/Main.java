package io.wsproto.interop.cli;

import java.io.PrintStream;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code java -jar wsproto-interop.jar serve|client|matrix|conformance ...}: the interop harness.
 * {@code serve} is an echo server on HTTP/1.1, h2c and TLS; {@code client} runs an echo plan against any
 * WebSocket server; {@code matrix} runs every client against every server; {@code conformance} runs the
 * protocol catalogue against wsproto and Jetty in both roles.
 *
 * <p>Exit status: 0 on success and for {@code --help}, 1 when a run failed, 2 for a command line that
 * could not be understood (the message names what was wrong, followed by the command's usage).
 */
public final class Main {
    /** A command: its usage text and what runs it. */
    private record Command(String usage, Runner runner) {
    }

    private interface Runner {
        int run(String[] args, PrintStream out) throws Exception;
    }

    private static final Map<String, Command> COMMANDS = new LinkedHashMap<>();

    static {
        COMMANDS.put("serve", new Command(ServeCommand.USAGE, ServeCommand::run));
        COMMANDS.put("client", new Command(ClientCommand.USAGE, ClientCommand::run));
        COMMANDS.put("matrix", new Command(MatrixCommand.USAGE, MatrixCommand::run));
        COMMANDS.put("conformance", new Command(ConformanceCommand.USAGE, ConformanceCommand::run));
    }

    static final String USAGE = """
            usage: java -jar wsproto-interop.jar COMMAND [OPTIONS]
              matrix       every client against every server over h1, h2c, TLS h2, TLS h1 and through nghttpx (the main job)
              serve        an echo server over HTTP/1.1, h2c and TLS (h2 and http/1.1 by ALPN)
              client URL   the echo plan against any ws:// or wss:// server, PASS or FAIL
              conformance  the RFC 6455 / RFC 7692 catalogue against wsproto and Jetty 12, in both roles
            java -jar wsproto-interop.jar COMMAND --help shows a command's options.
            """;

    private static final List<String> HELP = List.of("--help", "-h");

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
        if (HELP.contains(args[0])) {
            out.print(USAGE);
            return 0;
        }
        Command command = COMMANDS.get(args[0]);
        if (command == null) {
            err.print("unknown command " + args[0] + "\n" + USAGE);
            return 2;
        }
        String[] rest = Arrays.copyOfRange(args, 1, args.length);
        if (Arrays.stream(rest).anyMatch(HELP::contains)) {
            out.print(command.usage());
            return 0;
        }
        try {
            return command.runner().run(rest, out);
        } catch (IllegalArgumentException e) {
            err.println(e.getMessage());
            err.print(command.usage());
            return 2;
        }
    }
}
