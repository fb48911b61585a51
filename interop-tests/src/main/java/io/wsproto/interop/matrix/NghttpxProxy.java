package io.wsproto.interop.matrix;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Debian's nghttpx (nghttp2-proxy) as a reverse proxy in front of a server's plaintext port, one process
 * per proxied transport: h2c in front of an HTTP/1.1 backend (RFC 8441 streams become upgrades), and
 * HTTP/1.1 in front of an h2c backend (upgrades become RFC 8441 streams). The workspace stops them.
 */
final class NghttpxProxy {
    static final Path BINARY = Path.of("/usr/sbin/nghttpx");

    private NghttpxProxy() {
    }

    /** Why the proxy cannot run here, or null. */
    static String absentBecause() {
        if (!Files.isExecutable(BINARY)) {
            return BINARY + " absent (apt-get install nghttp2-proxy)";
        }
        return Participants.succeeds(List.of(BINARY.toString(), "--version"), Map.of()) ? null
                : BINARY + " is there but 'nghttpx --version' fails (reinstall it: apt-get install --reinstall nghttp2-proxy)";
    }

    /** Starts one nghttpx per proxied transport in front of {@code backend}; returns each front port. */
    static Map<Transport, Integer> start(Workspace workspace, ServerPeer.Running backend) throws IOException, InterruptedException {
        Map<Transport, Integer> fronts = new EnumMap<>(Transport.class);
        for (Transport t : Transport.values()) {
            if (!t.proxied()) {
                continue;
            }
            int back = URI.create(backend.url(t.back())).getPort();
            int front;
            try (ServerSocket probe = new ServerSocket(0)) {
                front = probe.getLocalPort();
            }
            String log = "nghttpx-" + t.name().toLowerCase(java.util.Locale.ROOT) + ".log";
            // --conf=/dev/null: not the package's /etc/nghttpx/nghttpx.conf, which binds port 3000.
            Process p = workspace.startProcess(List.of(BINARY.toString(), "--conf=/dev/null", "--workers=1",
                    "--frontend=127.0.0.1," + front + ";no-tls",
                    "--backend=127.0.0.1," + back + ";;proto=" + (t.back().http2 ? "h2" : "http/1.1"),
                    "--errorlog-file=/dev/stderr"), Map.of(), log);
            awaitPort(p, front, workspace, log);
            fronts.put(t, front);
        }
        return fronts;
    }

    private static void awaitPort(Process p, int port, Workspace workspace, String logName) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (true) {
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress("127.0.0.1", port), 200);
                return;
            } catch (IOException notYet) {
                if (System.nanoTime() > deadline || !p.isAlive()) {
                    throw new IOException("nghttpx did not start: " + Workspace.tail(workspace.log(logName)));
                }
                Thread.sleep(50);
            }
        }
    }
}
