package io.wsproto.interop.h2;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.wsproto.interop.peers.EchoClient;
import io.wsproto.interop.peers.EchoPlan;
import io.wsproto.interop.peers.EchoServer;
import io.wsproto.interop.peers.OurNettyEchoServer;
import io.wsproto.interop.peers.PeerTls;
import io.wsproto.interop.peers.OurH2Client;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * WebSockets over HTTP/2 against Debian's Python peers: a server and a client built on python3-h2 and
 * python3-wsproto (peers/h2_wsproto_peer.py), and python3-hypercorn serving an ASGI echo app over TLS h2.
 * Without those packages the tests are skipped with a loud message; .ci/run installs them.
 */
@Timeout(300)
class PythonPeersTest {
    static final String PYTHON = "/usr/bin/python3";
    static Path peers;
    static Path work;
    static Process pythonServer;
    static int pythonPort;
    static Process hypercorn;
    static int hypercornPort;

    static boolean importable(String modules) {
        try {
            Process p = new ProcessBuilder(PYTHON, "-c", "import " + modules).redirectErrorStream(true).start();
            return p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException | InterruptedException e) {
            return false;
        }
    }

    static void requirePython(String modules, String packages) {
        boolean present = importable(modules);
        if (!present) {
            System.err.println("SKIPPED: Python peers absent (" + PYTHON + " cannot import " + modules
                    + "); install with: apt-get install " + packages + "  (.ci/run does)");
        }
        Assumptions.assumeTrue(present, "Python peers absent: apt-get install " + packages);
    }

    @BeforeAll
    static void startPeers() throws Exception {
        requirePython("h2, wsproto", "python3-h2 python3-wsproto");
        peers = Path.of(PythonPeersTest.class.getResource("/io/wsproto/interop/peers/h2_wsproto_peer.py").toURI()).getParent();
        work = Files.createTempDirectory(Path.of("target"), "python-peers");
        Path portFile = work.resolve("python-server.port");
        pythonServer = new ProcessBuilder(PYTHON, peers.resolve("h2_wsproto_peer.py").toString(), "server", portFile.toString())
                .redirectErrorStream(true).redirectOutput(work.resolve("python-server.log").toFile()).start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (!Files.exists(portFile) || Files.readString(portFile).isBlank()) {
            if (System.nanoTime() > deadline || !pythonServer.isAlive()) {
                throw new IllegalStateException("the Python h2 server did not start: " + Files.readString(work.resolve("python-server.log")));
            }
            Thread.sleep(50);
        }
        pythonPort = Integer.parseInt(Files.readString(portFile).strip());
    }

    static void startHypercorn() throws Exception {
        requirePython("hypercorn, h2, wsproto", "python3-hypercorn");
        if (hypercorn != null) {
            return;
        }
        Path[] pem = PeerTls.pemFiles(work);
        try (ServerSocket probe = new ServerSocket(0)) {
            hypercornPort = probe.getLocalPort();
        }
        ProcessBuilder pb = new ProcessBuilder(PYTHON, "-m", "hypercorn", "--certfile", pem[0].toString(), "--keyfile", pem[1].toString(),
                "--bind", "127.0.0.1:" + hypercornPort, "asgi_echo:app")
                .redirectErrorStream(true).redirectOutput(work.resolve("hypercorn.log").toFile());
        pb.environment().put("PYTHONPATH", peers.toString());
        hypercorn = pb.start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (true) {
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress("127.0.0.1", hypercornPort), 200);
                return;
            } catch (IOException notYet) {
                if (System.nanoTime() > deadline || !hypercorn.isAlive()) {
                    throw new IllegalStateException("hypercorn did not start: " + Files.readString(work.resolve("hypercorn.log")));
                }
                Thread.sleep(100);
            }
        }
    }

    @AfterAll
    static void stopPeers() {
        if (pythonServer != null) {
            pythonServer.destroy();
        }
        if (hypercorn != null) {
            hypercorn.destroy();
        }
    }

    @ParameterizedTest(name = "wsproto h2 client -> Python h2+wsproto server, deflate={0}")
    @ValueSource(booleans = {false, true})
    void ourClientAgainstPythonServer(boolean deflate) throws Exception {
        try (EchoClient client = new OurH2Client("ws://127.0.0.1:" + pythonPort + "/echo", deflate)) {
            assertEquals(deflate, client.deflateNegotiated());
            EchoPlan.run(client);
        }
    }

    @ParameterizedTest(name = "wsproto h2 client, 100 streams -> Python h2+wsproto server, deflate={0}")
    @ValueSource(booleans = {false, true})
    void ourClientConcurrentStreamsAgainstPythonServer(boolean deflate) throws Exception {
        ConcurrentPlan.run("ws://127.0.0.1:" + pythonPort + "/echo", deflate);
    }

    static String runPythonClient(int port, String plan, boolean deflate) throws Exception {
        Process p = new ProcessBuilder(PYTHON, peers.resolve("h2_wsproto_peer.py").toString(), "client",
                Integer.toString(port), plan, Boolean.toString(deflate)).redirectErrorStream(true).start();
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "the Python client finished");
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, p.exitValue(), output);
        return output;
    }

    @ParameterizedTest(name = "Python h2+wsproto client -> wsproto h2 server, deflate={0}")
    @ValueSource(booleans = {false, true})
    void pythonClientAgainstOurServer(boolean deflate) throws Exception {
        try (EchoServer server = new OurNettyEchoServer()) {
            String output = runPythonClient(server.port(), "echo", deflate);
            assertTrue(output.startsWith("PASS"), output);
            EchoServer.SessionReport session = server.nextSession();
            assertEquals(1000, session.closeCodeReceived());
            assertEquals(deflate, session.deflate());
            assertTrue(session.http2());
        }
    }

    @ParameterizedTest(name = "Python h2+wsproto client, 100 streams -> wsproto h2 server, deflate={0}")
    @ValueSource(booleans = {false, true})
    void pythonClientConcurrentStreamsAgainstOurServer(boolean deflate) throws Exception {
        try (EchoServer server = new OurNettyEchoServer()) {
            String output = runPythonClient(server.port(), "concurrent", deflate);
            assertTrue(output.startsWith("PASS"), output);
        }
    }

    @ParameterizedTest(name = "wsproto h2 client -> hypercorn over TLS h2, deflate={0}")
    @ValueSource(booleans = {false, true})
    void ourClientAgainstHypercorn(boolean deflate) throws Exception {
        startHypercorn();
        try (EchoClient client = new OurH2Client("wss://localhost:" + hypercornPort + "/echo", deflate)) {
            assertEquals(deflate, client.deflateNegotiated());
            EchoPlan.run(client); // ends with a close handshake seen as 1000, though hypercorn then drops the stream
        }
    }

    @Test
    void ourClientConcurrentStreamsAgainstHypercorn() throws Exception {
        startHypercorn();
        ConcurrentPlan.run("wss://localhost:" + hypercornPort + "/echo", true);
    }
}
