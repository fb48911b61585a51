package io.wsproto.interop.conformance;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;

/** An implementation under test in one role over one transport, reached by the tester for each case. */
abstract class Sut implements AutoCloseable {
    final String implementation;
    final Role role;
    final boolean http2;

    Sut(String implementation, Role role, boolean http2) {
        this.implementation = implementation;
        this.role = role;
        this.http2 = http2;
    }

    /** Opens one WebSocket with the implementation for a case. */
    abstract Probe open(Negotiation negotiation) throws Exception;

    String label() {
        return implementation + " " + role.name().toLowerCase(java.util.Locale.ROOT) + " " + (http2 ? "h2" : "h1");
    }

    /** A server under test refused the handshake. */
    static final class Rejected extends IOException {
        final int status;

        Rejected(int status) {
            super("the handshake was answered " + status);
            this.status = status;
        }
    }

    /** Starts a client under test against a URL; closing the handle stops it. */
    @FunctionalInterface
    interface ClientLauncher {
        AutoCloseable start(String url, boolean deflate) throws Exception;
    }

    /** A running echo server under test, its {@code /echo} reached over h1 or h2c. */
    static final class Server extends Sut {
        private final int port;
        private final AutoCloseable server;

        Server(String implementation, boolean http2, int port, AutoCloseable server) {
            super(implementation, Role.SERVER, http2);
            this.port = port;
            this.server = server;
        }

        @Override
        Probe open(Negotiation n) throws Exception {
            if (http2) {
                H2Wire.Opened o = H2Wire.connect(port, "/echo", n.offer());
                if (o.wire() == null) {
                    throw new Rejected(o.status());
                }
                return new Probe(role, o.wire(), n.offer(), o.extensions(), null);
            }
            H1Wire.Opened o = H1Wire.connect(port, "/echo", n.offer());
            if (o.wire() == null) {
                throw new Rejected(o.status());
            }
            return new Probe(role, o.wire(), n.offer(), o.headers().get("sec-websocket-extensions"), null);
        }

        @Override
        public void close() throws Exception {
            server.close();
        }
    }

    /** An echo client under test, started for each case against the tester's own server. */
    static final class Client extends Sut {
        private final ClientLauncher launcher;
        private final ServerSocket h1;
        private final H2Wire.Server h2;
        private final AutoCloseable resources;

        /** @param resources what the launcher shares between cases (a client instance), closed with this */
        Client(String implementation, boolean http2, ClientLauncher launcher, AutoCloseable resources) throws Exception {
            super(implementation, Role.CLIENT, http2);
            this.launcher = launcher;
            this.resources = resources;
            if (http2) {
                h2 = new H2Wire.Server();
                h1 = null;
            } else {
                h1 = new ServerSocket();
                h1.bind(new InetSocketAddress("127.0.0.1", 0));
                h1.setSoTimeout(10_000);
                h2 = null;
            }
        }

        @Override
        Probe open(Negotiation n) throws Exception {
            int port = http2 ? h2.port() : h1.getLocalPort();
            AutoCloseable client = launcher.start("ws://127.0.0.1:" + port + "/echo", n.clientDeflate());
            try {
                if (http2) {
                    H2Wire.Server.Request r = h2.next(10_000);
                    if (r == null) {
                        throw new IOException("the client opened no stream within 10 s");
                    }
                    String offered = r.header("sec-websocket-extensions");
                    String answer = n.answer().apply(offered);
                    return new Probe(role, r.respond(200, answer), offered, answer, client);
                }
                H1Wire.Upgrade u = H1Wire.accept(h1);
                String offered = u.headers().get("sec-websocket-extensions");
                String answer = n.answer().apply(offered);
                return new Probe(role, u.accept(answer), offered, answer, client);
            } catch (Exception e) {
                client.close();
                throw e;
            }
        }

        @Override
        public void close() throws Exception {
            resources.close();
            if (h1 != null) {
                h1.close();
            }
            if (h2 != null) {
                h2.close();
            }
        }
    }
}
