package io.wsproto.interop.matrix;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.wsproto.interop.h2.ConcurrentPlan;
import io.wsproto.interop.peers.EchoClient;
import io.wsproto.interop.peers.EchoPlan;
import io.wsproto.interop.peers.EchoServer;
import io.wsproto.interop.peers.OurH2Client;
import io.wsproto.interop.peers.OurNettyEchoServer;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * WebSockets over HTTP/2 against Debian's Python peers, started as the matrix starts them: a server and a
 * client built on python3-h2 and python3-wsproto (h2_wsproto_peer.py), and python3-hypercorn serving an
 * ASGI echo app over TLS h2. Beyond the matrix's single echo plan, these check what the server saw and
 * 100 concurrent WebSockets on one connection both ways. Without the packages each test is skipped with the
 * reason; scripts/install-peers.sh (which .ci/run runs) installs them.
 */
@org.junit.jupiter.api.extension.ExtendWith(io.wsproto.h2.NettyLeaks.class)
@Timeout(300)
class PythonPeersTest {
    private static final ServerPeer PYTHON_H2 = new Participants.PythonH2Server();
    private static final ServerPeer HYPERCORN = new Participants.Hypercorn();
    static Workspace workspace;
    static ServerPeer.Running pythonServer;
    static ServerPeer.Running hypercorn;

    /** Skips the calling test, with the reason, when the peer is not on this machine. */
    static void require(ServerPeer peer) {
        Peers.require(peer.name, peer.absentBecause());
    }

    @BeforeAll
    static void createWorkspace() throws Exception {
        workspace = new Workspace();
    }

    static String startPythonServer() throws Exception {
        require(PYTHON_H2);
        if (pythonServer == null) {
            pythonServer = PYTHON_H2.start(workspace);
        }
        return pythonServer.url(Transport.H2C);
    }

    static String startHypercorn() throws Exception {
        require(HYPERCORN);
        if (hypercorn == null) {
            hypercorn = HYPERCORN.start(workspace);
        }
        return hypercorn.url(Transport.TLS_H2);
    }

    @AfterAll
    static void stopPeers() throws InterruptedException {
        workspace.close(); // stops every process it started
    }

    @ParameterizedTest(name = "wsproto h2 client -> Python h2+wsproto server, deflate={0}")
    @ValueSource(booleans = {false, true})
    void ourClientAgainstPythonServer(boolean deflate) throws Exception {
        try (EchoClient client = new OurH2Client(startPythonServer(), deflate)) {
            assertEquals(deflate, client.deflateNegotiated());
            EchoPlan.run(client);
        }
    }

    @ParameterizedTest(name = "wsproto h2 client, 100 streams -> Python h2+wsproto server, deflate={0}")
    @ValueSource(booleans = {false, true})
    void ourClientConcurrentStreamsAgainstPythonServer(boolean deflate) throws Exception {
        ConcurrentPlan.run(startPythonServer(), deflate);
    }

    static String runPythonClient(int port, String plan, boolean deflate) throws Exception {
        require(PYTHON_H2);
        Process p = new ProcessBuilder(Workspace.PYTHON, workspace.script("h2_wsproto_peer.py").toString(), "client",
                Integer.toString(port), plan, Boolean.toString(deflate)).redirectErrorStream(true).start();
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "the Python client finished");
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, p.exitValue(), output);
        assertTrue(output.startsWith("PASS"), output);
        return output;
    }

    @ParameterizedTest(name = "Python h2+wsproto client -> wsproto h2 server, deflate={0}")
    @ValueSource(booleans = {false, true})
    void pythonClientAgainstOurServer(boolean deflate) throws Exception {
        try (EchoServer server = new OurNettyEchoServer()) {
            runPythonClient(server.port(), "echo", deflate);
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
            runPythonClient(server.port(), "concurrent", deflate);
        }
    }

    @ParameterizedTest(name = "wsproto h2 client -> hypercorn over TLS h2, deflate={0}")
    @ValueSource(booleans = {false, true})
    void ourClientAgainstHypercorn(boolean deflate) throws Exception {
        try (EchoClient client = new OurH2Client(startHypercorn(), deflate)) {
            assertEquals(deflate, client.deflateNegotiated());
            EchoPlan.run(client); // ends with a close handshake seen as 1000, though hypercorn then drops the stream
        }
    }

    @Test
    void ourClientConcurrentStreamsAgainstHypercorn() throws Exception {
        ConcurrentPlan.run(startHypercorn(), true);
    }
}
