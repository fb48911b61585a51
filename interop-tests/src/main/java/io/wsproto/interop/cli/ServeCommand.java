package io.wsproto.interop.cli;

import io.wsproto.Limits;
import io.wsproto.events.AcceptConnection;
import io.wsproto.events.Request;
import io.wsproto.extensions.Extension;
import io.wsproto.extensions.PerMessageDeflate;
import io.wsproto.h2.HttpResponder;
import io.wsproto.h2.SessionOptions;
import io.wsproto.h2.Tls;
import io.wsproto.h2.WebSocketRoutes;
import io.wsproto.h2.WebSocketServer;
import io.wsproto.h2.WebSocketSession;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;

/**
 * {@code serve}: an echo server. The plaintext port takes HTTP/1.1 upgrades and h2c with prior knowledge;
 * the TLS port offers ALPN h2 and http/1.1 with a self-signed certificate for localhost made at start.
 * {@code /echo} echoes every message as the same type; {@code /} serves a page whose script runs an echo
 * plan against {@code /echo} on the same origin and shows the verdict.
 */
public final class ServeCommand {
    public static final int DEFAULT_MAX_MESSAGE = 64 << 20;

    private ServeCommand() {
    }

    static final String USAGE = """
            usage: java -jar wsproto-interop.jar serve [--host H] [--port P] [--tls-port P] [--max-message-size BYTES] [--no-deflate] [--pings]
              an echo server: HTTP/1.1 upgrades and h2c (RFC 8441) on --port (default 8080), TLS with ALPN h2 and
              http/1.1 on --tls-port (default 8443, a self-signed certificate for localhost), port 0 picks a free one.
              --host H                  the address to listen on (default 127.0.0.1)
              --max-message-size BYTES  the largest message accepted (default 64 MiB)
              --no-deflate              decline permessage-deflate
              --pings                   ping after the handshake, before each echo and between the echo's two fragments
            """;

    /** What {@code serve} was asked for; port 0 picks a free port. */
    public record Settings(String host, int port, int tlsPort, int maxMessageSize, boolean deflate, boolean pings) {
        /** Loopback, free ports, 64 MiB messages, permessage-deflate on, no pings of its own. */
        public static Settings loopback() {
            return new Settings("127.0.0.1", 0, 0, DEFAULT_MAX_MESSAGE, true, false);
        }

        public Settings withPings(boolean on) {
            return new Settings(host, port, tlsPort, maxMessageSize, deflate, on);
        }
    }

    static int run(String[] argv, PrintStream out) throws Exception {
        Args args = new Args(argv, Set.of("--host", "--port", "--tls-port", "--max-message-size"), Set.of("--no-deflate", "--pings"));
        if (!args.positional.isEmpty()) {
            throw new IllegalArgumentException("serve takes no positional arguments: " + args.positional);
        }
        Settings settings = new Settings(args.get("--host", "127.0.0.1"), args.intValue("--port", 8080), args.intValue("--tls-port", 8443),
                args.intValue("--max-message-size", DEFAULT_MAX_MESSAGE), !args.has("--no-deflate"), args.has("--pings"));
        WebSocketServer server = start(settings, io.wsproto.h2.TestTls.localhost(), out);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.close();
            stopped.countDown();
        }));
        stopped.await();
        return 0;
    }

    /** Starts the server with the given TLS identity, printing the listening lines, "ready" and then its log to {@code out}. */
    public static WebSocketServer start(Settings settings, Tls.Identity identity, PrintStream out) throws InterruptedException {
        byte[] page = page();
        WebSocketRoutes routes = new WebSocketRoutes().add("/echo", request -> accept(request, settings.deflate()),
                () -> new EchoHandler(new LogLines(out), settings.pings()))
                .add("/close", request -> accept(request, settings.deflate()), () -> new Closer(new LogLines(out)));
        WebSocketServer server = WebSocketServer.builder()
                .routes(routes)
                .httpResponder((method, target, headers) -> respond(method, target, headers, page, out))
                .options(SessionOptions.DEFAULT.withLimits(Limits.forMessagesUpTo(settings.maxMessageSize())))
                .plaintext(settings.host(), settings.port())
                .tls(settings.tlsPort(), Tls.server(identity, Tls.Provider.JDK))
                .start();
        out.println("listening h1+h2c on " + settings.host() + ":" + server.plaintextPort());
        out.println("listening tls h2,http/1.1 on " + settings.host() + ":" + server.tlsPort());
        out.println("ready");
        out.flush();
        return server;
    }

    /** The page at /, and /verdict?TEXT where the page reports how its echo plan went (logged as "page verdict: TEXT"). */
    private static HttpResponder.Response respond(String method, String target, List<io.wsproto.events.Header> headers,
                                                  byte[] page, PrintStream out) {
        String path = target.contains("?") ? target.substring(0, target.indexOf('?')) : target;
        if (path.equals("/") || path.equals("/index.html")) {
            return new HttpResponder.Response(200, "text/html; charset=utf-8", page);
        }
        if (target.startsWith("/verdict?")) {
            String verdict = java.net.URLDecoder.decode(target.substring("/verdict?".length()), java.nio.charset.StandardCharsets.UTF_8);
            out.println("page verdict: " + verdict.replaceAll("[\\p{Cntrl}]", " "));
            return new HttpResponder.Response(200, "text/plain; charset=utf-8", "noted\n".getBytes(java.nio.charset.StandardCharsets.UTF_8));
        }
        return HttpResponder.NOT_FOUND.respond(method, target, headers);
    }

    /**
     * Accepts every request on /echo: the first subprotocol offered, and permessage-deflate unless disabled
     * or the target asks {@code ?deflate=off} (browsers always offer it; their page passes that on).
     */
    private static AcceptConnection accept(Request request, boolean deflate) {
        String subprotocol = request.subprotocols().isEmpty() ? null : request.subprotocols().get(0);
        String target = request.target();
        boolean declined = target.contains("?") && List.of(target.substring(target.indexOf('?') + 1).split("&")).contains("deflate=off");
        List<Extension> extensions = deflate && !declined ? List.of(new PerMessageDeflate()) : List.of();
        return new AcceptConnection(subprotocol, extensions, List.of());
    }

    private static byte[] page() {
        try (InputStream in = ServeCommand.class.getResourceAsStream("echo.html")) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("the echo page is missing from the jar", e);
        }
    }

    /**
     * At /close the server closes each WebSocket as it opens, with the code and reason its query names
     * ({@code /close?code=4001&reason=bye}; 1000 and no reason by default): a close started by the server, for
     * checking that it reaches the client with its code through a proxy.
     */
    private record Closer(LogLines log) implements io.wsproto.h2.WebSocketHandler {
        @Override
        public void onOpen(WebSocketSession session) {
            log.opened(session);
            String target = session.request().target();
            java.util.Map<String, String> query = new java.util.HashMap<>();
            if (target.contains("?")) {
                for (String pair : target.substring(target.indexOf('?') + 1).split("&")) {
                    int eq = pair.indexOf('=');
                    if (eq > 0) {
                        query.put(pair.substring(0, eq), java.net.URLDecoder.decode(pair.substring(eq + 1), java.nio.charset.StandardCharsets.UTF_8));
                    }
                }
            }
            session.close(Integer.parseInt(query.getOrDefault("code", "1000")), query.getOrDefault("reason", ""));
        }

        @Override
        public void onClose(WebSocketSession session, int code, String reason) {
            log.closed(session, code, reason);
        }
    }

    /** Logs one line as each WebSocket opens (how it came, whether deflate is on) and one as it closes. */
    private record LogLines(PrintStream out) implements EchoHandler.Listener {
        @Override
        public void opened(WebSocketSession session) {
            out.println("websocket opened via " + (session.isHttp2() ? "h2 extended CONNECT stream" : "HTTP/1.1 upgrade")
                    + ", permessage-deflate " + (session.extensions().isEmpty() ? "not negotiated" : "negotiated")
                    + ", path " + session.request().target()
                    + (session.subprotocol() == null ? "" : ", subprotocol " + session.subprotocol()));
        }

        @Override
        public void closed(WebSocketSession session, int code, String reason) {
            out.println("websocket closed via " + (session.isHttp2() ? "h2" : "HTTP/1.1") + " with code " + code
                    + (reason.isEmpty() ? "" : " (" + reason + ")"));
        }
    }
}
