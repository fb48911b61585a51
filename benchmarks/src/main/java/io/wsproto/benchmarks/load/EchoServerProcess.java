package io.wsproto.benchmarks.load;

import io.wsproto.Limits;
import io.wsproto.h2.SessionOptions;
import io.wsproto.h2.Tls;
import io.wsproto.interop.peers.EchoServer;
import io.wsproto.interop.peers.JettyEchoServer;
import io.wsproto.interop.peers.OurNettyEchoServer;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;

/**
 * An echo server in a process of its own, so that the load tool sees its heap alone: {@code ours} (our
 * Netty server, h1 and h2c on one port, TLS with ALPN) or {@code jetty} (Jetty 12: h1, h2c and TLS ports).
 * Prints {@code ports H1 H2C TLS}, then answers {@code heap} on stdin with the heap used after GC, and
 * stops at {@code quit} or the end of stdin.
 */
public final class EchoServerProcess {
    private EchoServerProcess() {
    }

    public static void main(String[] args) throws Exception {
        try (EchoServer server = switch (args[0]) {
            case "ours" -> new OurNettyEchoServer(Tls.Provider.JDK, SessionOptions.DEFAULT.withLimits(Limits.forMessagesUpTo(64 << 20)));
            case "jetty" -> new JettyEchoServer(true, 64 << 20);
            default -> throw new IllegalArgumentException("ours or jetty, not " + args[0]);
        }) {
            System.out.println("ports " + server.port() + " " + server.h2cPort() + " " + server.tlsPort());
            System.out.flush();
            BufferedReader in = new BufferedReader(new InputStreamReader(System.in));
            String line;
            while ((line = in.readLine()) != null && !line.equals("quit")) {
                if (line.equals("heap")) {
                    for (int i = 0; i < 3; i++) {
                        System.gc();
                        Thread.sleep(50);
                    }
                    System.out.println("heap " + ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed());
                    System.out.flush();
                }
            }
        }
    }
}
