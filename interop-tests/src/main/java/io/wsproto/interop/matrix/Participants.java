package io.wsproto.interop.matrix;

import io.wsproto.interop.cli.ServeCommand;
import io.wsproto.interop.peers.EchoClient;
import io.wsproto.interop.peers.EchoPlan;
import io.wsproto.interop.peers.EchoServer;
import io.wsproto.interop.peers.JdkHttpClient;
import io.wsproto.interop.peers.JettyClient;
import io.wsproto.interop.peers.JettyEchoServer;
import io.wsproto.interop.peers.NettyClient;
import io.wsproto.interop.peers.NettyEchoServer;
import io.wsproto.interop.peers.OurClient;
import io.wsproto.interop.peers.OurAutoClient;
import io.wsproto.interop.peers.OurH2Client;
import io.wsproto.interop.peers.PeerTls;
import io.wsproto.h2.WebSocketServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/** Everyone in the matrix: ours, the JVM peers (always present), and the external peers when the machine has them. */
final class Participants {
    /** Every direct transport; only {@code serve} also has nghttpx in front of it. */
    static final Set<Transport> ALL = EnumSet.of(Transport.H1, Transport.H2C, Transport.TLS_H2, Transport.TLS_H1);
    static final Set<Transport> H1_ONLY = EnumSet.of(Transport.H1, Transport.TLS_H1);
    static final Set<Boolean> BOTH = Set.of(false, true);
    static final Script PYTHON_WEBSOCKETS = new Script("websockets_peer.py", "websockets");
    static final Script NODE_WS = new Script("ws_peer.js", null);
    static final Script NODE_HTTP2 = new Script("node_http2_peer.js", null);
    static final Set<Transport> H2_ONLY = EnumSet.of(Transport.H2C, Transport.TLS_H2);

    private Participants() {
    }

    static List<ServerPeer> servers() {
        return List.of(new Ours("wsproto", false), jvm("Jetty 12", ALL, () -> new JettyEchoServer(true)), jvm("Netty 4.2 h1", H1_ONLY, NettyEchoServer::new),
                new PythonH2Server(), new Hypercorn(), new ScriptServer("python websockets", PYTHON_WEBSOCKETS),
                new ScriptServer("node ws", NODE_WS), new ScriptServer("node http2", NODE_HTTP2, H2_ONLY), new Ours(PINGING, true));
    }

    /** Our server pinging after the handshake, before each echo and inside each echoed message: no client may take a ping for an echo. */
    static final String PINGING = "wsproto pings";

    /** Our WebSocketClient, which picks the transport itself. */
    static final String AUTO = "wsproto auto";

    static List<ClientPeer> clients() {
        return List.of(
                jvm("wsproto", ALL, BOTH, (url, t, deflate) -> t.http2 ? new OurH2Client(url, deflate) : new OurClient(url, deflate)),
                new Auto(),
                jvm("Jetty 12", ALL, BOTH, (url, t, deflate) -> new JettyClient(url, deflate, t.http2), JETTY_CLOSE_RACE),
                jvm("Netty 4.2 h1", H1_ONLY, BOTH, (url, t, deflate) -> new NettyClient(url, deflate)),
                jvm("JDK HttpClient", H1_ONLY, Set.of(false), (url, t, deflate) -> new JdkHttpClient(url), NGHTTPX_CONTENT_LENGTH),
                new PythonH2Client(), new ScriptClient("python websockets", PYTHON_WEBSOCKETS),
                new ScriptClient("node ws", NODE_WS), new ScriptClient("node http2", NODE_HTTP2, H2_ONLY), new Chromium(), new Firefox());
    }

    // ---------------------------------------------------------------- presence

    static String pythonMissing(String modules, String packages) {
        return succeeds(List.of(Workspace.PYTHON, "-c", "import " + modules), Map.of())
                ? null : Workspace.PYTHON + " cannot import " + modules + " (apt-get install " + packages + ")";
    }

    /** NODE_PATH so that a script outside any project finds a globally ({@code npm root -g}) or locally installed {@code ws}. */
    static synchronized Map<String, String> nodeEnv() {
        if (cachedNodeEnv == null) {
            cachedNodeEnv = Map.of("NODE_PATH", nodePath());
        }
        return cachedNodeEnv;
    }

    private static Map<String, String> cachedNodeEnv;

    private static String nodePath() {
        StringBuilder path = new StringBuilder();
        for (String dir : new String[] {System.getenv("NODE_PATH"), npmGlobalRoot(), "node_modules", "interop-tests/node_modules",
                "/usr/lib/node_modules", "/usr/local/lib/node_modules"}) {
            if (dir != null && !dir.isBlank()) {
                path.append(path.isEmpty() ? "" : ":").append(Path.of(dir).toAbsolutePath());
            }
        }
        return path.toString();
    }

    /** Where {@code npm install -g} puts packages, or null without npm. */
    private static String npmGlobalRoot() {
        try {
            Process p = new ProcessBuilder("npm", "root", "-g").redirectError(ProcessBuilder.Redirect.DISCARD).start();
            String root = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            return p.waitFor(20, TimeUnit.SECONDS) && p.exitValue() == 0 && !root.isEmpty() ? root : null;
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    static String nodeWsMissing() {
        return succeeds(List.of("node", "-e", "require('ws')"), nodeEnv()) ? null : "node cannot load the npm package ws (npm install -g ws)";
    }

    /** Whether {@code command} runs and exits 0 within 30 s (a binary that is there but broken does not). */
    static boolean succeeds(List<String> command, Map<String, String> env) {
        try {
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD);
            builder.environment().putAll(env);
            Process p = builder.start();
            return p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    // ---------------------------------------------------------------- JVM peers

    interface ServerFactory {
        EchoServer start() throws Exception;
    }

    interface ClientFactory {
        EchoClient connect(String url, Transport transport, boolean deflate) throws Exception;
    }

    private static ServerPeer jvm(String name, Set<Transport> transports, ServerFactory factory) {
        return new ServerPeer(name, transports, true) {
            @Override
            Running start(Workspace workspace) throws Exception {
                EchoServer server = factory.start();
                return new Running() {
                    @Override
                    public String url(Transport t) {
                        return t.echoUrl(t.tls ? server.tlsPort() : t == Transport.H2C ? server.h2cPort() : server.port());
                    }

                    @Override
                    public void close() throws Exception {
                        server.close();
                    }
                };
            }
        };
    }

    private static ClientPeer jvm(String name, Set<Transport> transports, Set<Boolean> deflateModes, ClientFactory factory) {
        return jvm(name, transports, deflateModes, factory, (server, transport) -> null);
    }

    /** A documented fault that fails a client against a server over a transport, with where it is tracked; or null. */
    interface KnownFault {
        String of(ServerPeer server, Transport transport);
    }

    /**
     * Jetty 12.0's client reports {@code ClosedChannelException} (or {@code EofException}) instead of the close
     * reply when the transport ends right after that reply, as nghttpx ends it both ways (and as hypercorn, and
     * Jetty's own server over h2, do without a proxy: the failures between other implementations below).
     */
    static final KnownFault JETTY_CLOSE_RACE = (server, transport) -> transport.proxied()
            ? "Jetty 12.0's client fails its close when the connection or stream ends right after the close reply, as nghttpx "
            + "ends it: jetty/jetty.project#13346 (TCP half-close during WebSocket session close causes ClosedChannelException)"
            : null;

    /**
     * nghttpx 1.52 turns an HTTP/1.1 upgrade that carries {@code Content-Length: 0} (a legal GET, and what the
     * JDK's HttpClient sends) into an extended CONNECT that ends its stream at once, so the backend sees the
     * client's half end before any frame. The proxy's fault, met only by this client; not reported upstream yet.
     */
    static final KnownFault NGHTTPX_CONTENT_LENGTH = (server, transport) -> transport == Transport.PROXY_H1_TO_H2C
            ? "nghttpx 1.52 sends END_STREAM on the RFC 8441 stream for an upgrade request with Content-Length: 0 (the JDK's "
            + "HttpClient sends one), so the server sees the client's half end before any frame (not yet reported to nghttp2)"
            : null;

    private static ClientPeer jvm(String name, Set<Transport> transports, Set<Boolean> deflateModes, ClientFactory factory,
                                  KnownFault fault) {
        return new ClientPeer(name, transports, deflateModes) {
            @Override
            String knownFault(ServerPeer server, Transport transport, boolean deflate) {
                return fault.of(server, transport);
            }

            @Override
            String run(Workspace w, ServerPeer.Running server, Transport transport, boolean deflate) throws Exception {
                try (EchoClient client = factory.connect(server.url(transport), transport, deflate)) {
                    if (client.deflateNegotiated() != deflate) {
                        throw new AssertionError("permessage-deflate negotiated=" + client.deflateNegotiated() + ", offered=" + deflate);
                    }
                    EchoPlan.run(client);
                    return "echo plan passed, deflate=" + deflate;
                }
            }
        };
    }

    // ---------------------------------------------------------------- ours

    /**
     * {@code serve} itself, in this process, its log kept so the browser's verdict can be read from it; with
     * nghttpx in front of it for the proxied transports when the machine has nghttpx.
     */
    static final class Ours extends ServerPeer {
        private final boolean pings;

        /** @param pings whether it is {@code serve --pings} */
        Ours(String name, boolean pings) {
            super(name, EnumSet.allOf(Transport.class), true);
            this.pings = pings;
        }

        @Override
        Running start(Workspace workspace) throws Exception {
            ByteArrayOutputStream log = new ByteArrayOutputStream();
            WebSocketServer server = ServeCommand.start(ServeCommand.Settings.loopback().withPings(pings), PeerTls.IDENTITY,
                    new PrintStream(log, true, StandardCharsets.UTF_8));
            Map<Transport, Integer> proxies = new java.util.EnumMap<>(Transport.class);
            Log running = new Log() {
                @Override
                public String url(Transport t) {
                    return t.echoUrl(port(t));
                }

                @Override
                public String page(Transport t) {
                    return (t.tls ? "https://localhost:" : "http://127.0.0.1:") + port(t) + "/";
                }

                private int port(Transport t) {
                    if (t.proxied()) {
                        Integer front = proxies.get(t);
                        if (front == null) {
                            throw new IllegalStateException("no proxy here: " + NghttpxProxy.absentBecause());
                        }
                        return front;
                    }
                    return t.tls ? server.tlsPort() : server.plaintextPort();
                }

                @Override
                public String log() {
                    synchronized (log) {
                        return log.toString(StandardCharsets.UTF_8);
                    }
                }

                @Override
                public void close() {
                    server.close();
                }
            };
            if (NghttpxProxy.absentBecause() == null) {
                proxies.putAll(NghttpxProxy.start(workspace, running));
            }
            return running;
        }

        /** Our running server, with its page and its log. */
        interface Log extends Running {
            String page(Transport t);

            String log();
        }
    }

    /**
     * Our WebSocketClient, which chooses the transport by itself: over TLS it must take HTTP/2 where the server
     * offers RFC 8441 (its TLS port offers h2) and HTTP/1.1 where it does not, and HTTP/1.1 over ws://. It
     * runs in the h1 and both TLS sections; in the TLS ones the URL is the same port, and the server decides.
     */
    static final class Auto extends ClientPeer {
        Auto() {
            super(AUTO, EnumSet.of(Transport.H1, Transport.TLS_H2, Transport.TLS_H1), BOTH);
        }

        @Override
        String run(Workspace w, ServerPeer peer, ServerPeer.Running server, Transport transport, boolean deflate) throws Exception {
            boolean expectHttp2 = transport.tls && peer.transports.contains(Transport.TLS_H2);
            try (OurAutoClient client = new OurAutoClient(server.url(transport), deflate, expectHttp2)) {
                if (client.deflateNegotiated() != deflate) {
                    throw new AssertionError("permessage-deflate negotiated=" + client.deflateNegotiated() + ", offered=" + deflate);
                }
                io.wsproto.interop.peers.EchoPlan.run(client);
                return "echo plan passed over " + (expectHttp2 ? "HTTP/2" : "HTTP/1.1") + ", chosen by WebSocketClient, deflate=" + deflate;
            }
        }

        @Override
        String notApplicableWith(ServerPeer server, Transport transport) {
            return transport == Transport.TLS_H1 && server.transports.contains(Transport.TLS_H2)
                    ? "WebSocketClient takes h2 where the server's TLS port offers it (the tls h2 section runs it)" : null;
        }

        @Override
        String run(Workspace w, ServerPeer.Running server, Transport transport, boolean deflate) {
            throw new UnsupportedOperationException("the matrix passes the server peer");
        }
    }

    // ---------------------------------------------------------------- external peers

    /** python3-h2 + python3-wsproto (h2_wsproto_peer.py): an echo server over h2c with prior knowledge, and over TLS with ALPN h2. */
    static final class PythonH2Server extends ServerPeer {
        PythonH2Server() {
            super("python h2+wsproto", EnumSet.of(Transport.H2C, Transport.TLS_H2), true);
        }

        @Override
        String absentBecause() {
            return pythonMissing("h2, wsproto", "python3-h2 python3-wsproto");
        }

        @Override
        Running start(Workspace workspace) throws Exception {
            Path portFile = workspace.dir.resolve("python-h2.port");
            Process p = workspace.startProcess(List.of(Workspace.PYTHON, workspace.script("h2_wsproto_peer.py").toString(), "server",
                    portFile.toString(), workspace.certificate.toString(), workspace.key.toString()), Map.of(), "python-h2-server.log");
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            while (!Files.exists(portFile) || Files.readString(portFile).isBlank()) {
                if (System.nanoTime() > deadline || !p.isAlive()) {
                    throw new IOException("did not start: " + Workspace.tail(workspace.log("python-h2-server.log")));
                }
                Thread.sleep(50);
            }
            String[] ports = Files.readString(portFile).strip().split(" ");
            int port = Integer.parseInt(ports[0]);
            int tlsPort = Integer.parseInt(ports[1]);
            return running(t -> t.echoUrl(t.tls ? tlsPort : port));
        }
    }

    /** python3-h2 + python3-wsproto as an h2c client. */
    static final class PythonH2Client extends ClientPeer {
        PythonH2Client() {
            super("python h2+wsproto", EnumSet.of(Transport.H2C), BOTH);
        }

        @Override
        String absentBecause() {
            return pythonMissing("h2, wsproto", "python3-h2 python3-wsproto");
        }

        @Override
        String knownFault(ServerPeer server, Transport transport, boolean deflate) {
            return server.name.equals(PINGING) && deflate
                    ? "python3-wsproto 1.2.0 drops its inflate state at a control frame between the fragments of a compressed message "
                    + "(RFC 6455 §5.4 allows it there) and delivers the next fragment still compressed: python-hyper/wsproto PR #205"
                    : null;
        }

        @Override
        String run(Workspace w, ServerPeer.Running server, Transport transport, boolean deflate) throws Exception {
            int port = java.net.URI.create(server.url(transport)).getPort();
            return Workspace.verdict(w.runToEnd(List.of(Workspace.PYTHON, w.script("h2_wsproto_peer.py").toString(), "client",
                    Integer.toString(port), "echo", Boolean.toString(deflate)), Map.of(), 120));
        }
    }

    /** python3-hypercorn serving asgi_echo.py: TLS with ALPN h2 and http/1.1, and a plaintext port for h1 and h2c. */
    static final class Hypercorn extends ServerPeer {
        Hypercorn() {
            super("hypercorn", ALL, true);
        }

        @Override
        String absentBecause() {
            return pythonMissing("hypercorn", "python3-hypercorn");
        }

        @Override
        Running start(Workspace workspace) throws Exception {
            int tlsPort = freePort();
            int port = freePort();
            workspace.script("asgi_echo.py");
            Process p = workspace.startProcess(List.of(Workspace.PYTHON, "-m", "hypercorn", "--certfile", workspace.certificate.toString(),
                    "--keyfile", workspace.key.toString(), "--bind", "127.0.0.1:" + tlsPort, "--insecure-bind", "127.0.0.1:" + port,
                    "asgi_echo:app"), Map.of("PYTHONPATH", workspace.dir.toString()), "hypercorn.log");
            awaitPort(p, port, workspace, "hypercorn.log");
            awaitPort(p, tlsPort, workspace, "hypercorn.log");
            return running(t -> t.echoUrl(t.tls ? tlsPort : port));
        }
    }

    /** A peer script run by python3 (needing {@code pythonModule}) or, when that is null, by node (needing npm's ws). */
    record Script(String file, String pythonModule) {
        String absentBecause() {
            return pythonModule != null ? pythonMissing(pythonModule, "python3-" + pythonModule) : nodeWsMissing();
        }

        List<String> command(Workspace workspace, String... args) {
            if (pythonModule == null) {
                workspace.script("echo_plan.js"); // the client plan both Node scripts share
            }
            List<String> command = new java.util.ArrayList<>(List.of(pythonModule != null ? Workspace.PYTHON : "node",
                    workspace.script(file).toString()));
            command.addAll(List.of(args));
            return command;
        }

        Map<String, String> env() {
            return pythonModule != null ? Map.of() : nodeEnv();
        }
    }

    /**
     * A script peer that prints "listening PORT TLSPORT": HTTP/1.1 plaintext and TLS (python websockets, node ws),
     * or h2c and TLS h2 (node http2).
     */
    static final class ScriptServer extends ServerPeer {
        private final Script script;

        ScriptServer(String name, Script script) {
            this(name, script, H1_ONLY);
        }

        ScriptServer(String name, Script script, Set<Transport> transports) {
            super(name, transports, true);
            this.script = script;
        }

        @Override
        String absentBecause() {
            return script.absentBecause();
        }

        @Override
        Running start(Workspace workspace) throws Exception {
            String log = script.file() + ".log";
            Process p = workspace.startProcess(script.command(workspace, "server", workspace.certificate.toString(), workspace.key.toString()),
                    script.env(), log);
            int[] ports = workspace.awaitListening(p, log, 20);
            return running(t -> t.echoUrl(t.tls ? ports[1] : ports[0]));
        }
    }

    /** The client side of a {@link ScriptServer}'s script. */
    static final class ScriptClient extends ClientPeer {
        private final Script script;

        ScriptClient(String name, Script script) {
            this(name, script, H1_ONLY);
        }

        ScriptClient(String name, Script script, Set<Transport> transports) {
            super(name, transports, BOTH);
            this.script = script;
        }

        @Override
        String absentBecause() {
            return script.absentBecause();
        }

        @Override
        String run(Workspace w, ServerPeer.Running server, Transport transport, boolean deflate) throws Exception {
            return Workspace.verdict(w.runToEnd(script.command(w, "client", server.url(transport), Boolean.toString(deflate),
                    w.certificate.toString()), script.env(), 120));
        }
    }

    /**
     * A headless browser loading {@code serve}'s page, which runs the echo plan against /echo on the same
     * origin and reports its verdict to the server. Over TLS the page comes over HTTP/2, so the WebSocket must
     * be an extended CONNECT stream on that connection; over plaintext it is the HTTP/1.1 upgrade. The
     * server's own log is the proof. Each run has a fresh profile; every process is stopped by its handle.
     */
    abstract static class Browser extends ClientPeer {
        Browser(String name, Set<Boolean> deflateModes) {
            super(name, EnumSet.of(Transport.H1, Transport.TLS_H2), deflateModes);
        }

        /** The command that opens {@code page} headless with the fresh profile in {@code profile}, set up here. */
        abstract List<String> command(Workspace w, Path profile, String page) throws Exception;

        @Override
        String notApplicableWith(ServerPeer server) {
            return server instanceof Ours ? null : "the browser runs the page that only wsproto's serve has";
        }

        @Override
        String run(Workspace w, ServerPeer.Running server, Transport transport, boolean deflate) throws Exception {
            Ours.Log ours = (Ours.Log) server;
            int from = ours.log().length();
            Path profile = Files.createTempDirectory(w.dir, name + "-profile");
            String logName = name + ".log";
            // Browsers always offer permessage-deflate; without it, the page asks serve to decline it.
            String page = ours.page(transport) + (deflate ? "" : "?deflate=off");
            Process browser = w.startProcess(command(w, profile, page), Map.of(), logName);
            try {
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
                // The page reports its verdict after the close; waiting for the close alone raced with that report.
                while (!ours.log().substring(from).contains("page verdict:") && System.nanoTime() < deadline && browser.isAlive()) {
                    Thread.sleep(100);
                }
            } finally {
                browser.descendants().forEach(ProcessHandle::destroy);
                browser.destroy();
                if (!browser.waitFor(10, TimeUnit.SECONDS)) {
                    browser.descendants().forEach(ProcessHandle::destroyForcibly);
                    browser.destroyForcibly();
                }
            }
            String log = ours.log().substring(from);
            if (!log.contains("page verdict:") && !browser.isAlive() && browser.exitValue() != 0) {
                throw new AssertionError(name + " exited with code " + browser.exitValue() + " before the page's verdict; its log: "
                        + Workspace.tail(w.log(logName)));
            }
            String how = (transport.back().http2 ? "websocket opened via h2 extended CONNECT stream" : "websocket opened via HTTP/1.1 upgrade")
                    + ", permessage-deflate " + (deflate ? "negotiated" : "not negotiated");
            if (!log.contains("page verdict: PASS")) {
                throw new AssertionError("the page's verdict: " + Workspace.tail(log));
            }
            if (!log.contains(how)) {
                throw new AssertionError("the server did not log '" + how + "': " + Workspace.tail(log));
            }
            return "page echo plan passed; server log: " + how;
        }

        static String missing(Path binary, String packageName) {
            if (!Files.isExecutable(binary)) {
                return binary + " absent (apt-get install " + packageName + ")";
            }
            return succeeds(List.of(binary.toString(), "--version"), Map.of()) ? null
                    : binary + " is there but '" + binary.getFileName() + " --version' fails (reinstall it: apt-get install --reinstall " + packageName + ")";
        }
    }

    /** Debian's headless Chromium; it takes any certificate (a flag). */
    static final class Chromium extends Browser {
        static final Path BINARY = Path.of("/usr/bin/chromium");

        Chromium() {
            super("chromium", BOTH);
        }

        @Override
        String absentBecause() {
            return missing(BINARY, "chromium");
        }

        @Override
        List<String> command(Workspace w, Path profile, String page) {
            return List.of(BINARY.toString(), "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
                    "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync",
                    "--ignore-certificate-errors", "--user-data-dir=" + profile, page);
        }
    }

    /**
     * Debian's headless Firefox ESR. Unlike Chromium it does not fall back to HTTP/1.1 when an extended CONNECT
     * stream fails, and it checks certificates: the run's authority is trusted in its fresh profile only (NSS
     * {@code certutil}), never in the system store.
     */
    static final class Firefox extends Browser {
        static final Path BINARY = Path.of("/usr/bin/firefox-esr");
        static final Path CERTUTIL = Path.of("/usr/bin/certutil");
        /** Quiet start-up, no updates or telemetry, WebSockets over HTTP/2 on, HTTP/3 off (loopback is TCP). */
        static final Map<String, Object> PREFERENCES = Map.ofEntries(
                Map.entry("browser.shell.checkDefaultBrowser", false), Map.entry("browser.startup.homepage_override.mstone", "ignore"),
                Map.entry("browser.aboutwelcome.enabled", false), Map.entry("datareporting.policy.dataSubmissionEnabled", false),
                Map.entry("toolkit.telemetry.reportingpolicy.firstRun", false), Map.entry("app.update.enabled", false),
                Map.entry("app.normandy.enabled", false), Map.entry("browser.safebrowsing.malware.enabled", false),
                Map.entry("browser.safebrowsing.phishing.enabled", false), Map.entry("network.http.http2.websockets", true),
                Map.entry("network.http.http3.enable", false));

        Firefox() {
            super("firefox", BOTH);
        }

        @Override
        String absentBecause() {
            String browser = missing(BINARY, "firefox-esr");
            if (browser != null) {
                return browser;
            }
            return Files.isExecutable(CERTUTIL) ? null : CERTUTIL + " absent (apt-get install libnss3-tools): the profile could not trust the run's certificate";
        }

        @Override
        List<String> command(Workspace w, Path profile, String page) throws Exception {
            String db = "sql:" + profile;
            for (List<String> certutil : List.of(List.of(CERTUTIL.toString(), "-N", "-d", db, "--empty-password"),
                    List.of(CERTUTIL.toString(), "-A", "-d", db, "-n", "wsproto test authority", "-t", "C,,", "-i", w.authority.toString()))) {
                String out = w.runToEnd(certutil, Map.of(), 30);
                if (!out.isBlank()) {
                    throw new IOException(String.join(" ", certutil) + ": " + out.strip());
                }
            }
            StringBuilder userJs = new StringBuilder();
            new java.util.TreeMap<>(PREFERENCES).forEach((key, value) -> userJs.append("user_pref(\"").append(key).append("\", ")
                    .append(value instanceof String text ? "\"" + text + "\"" : value).append(");\n"));
            Files.writeString(profile.resolve("user.js"), userJs);
            return List.of(BINARY.toString(), "--headless", "--no-remote", "--profile", profile.toString(), page);
        }
    }

    // ---------------------------------------------------------------- helpers

    private static ServerPeer.Running running(java.util.function.Function<Transport, String> urls) {
        return new ServerPeer.Running() {
            @Override
            public String url(Transport transport) {
                return urls.apply(transport);
            }

            @Override
            public void close() {
                // the workspace stops the process
            }
        };
    }

    private static int freePort() throws IOException {
        try (java.net.ServerSocket probe = new java.net.ServerSocket(0)) {
            return probe.getLocalPort();
        }
    }

    private static void awaitPort(Process p, int port, Workspace workspace, String logName) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (true) {
            try (java.net.Socket s = new java.net.Socket()) {
                s.connect(new java.net.InetSocketAddress("127.0.0.1", port), 200);
                return;
            } catch (IOException notYet) {
                if (System.nanoTime() > deadline || !p.isAlive()) {
                    throw new IOException("did not start: " + Workspace.tail(workspace.log(logName)));
                }
                Thread.sleep(100);
            }
        }
    }
}
