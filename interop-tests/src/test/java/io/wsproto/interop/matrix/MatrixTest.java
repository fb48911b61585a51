package io.wsproto.interop.matrix;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.wsproto.interop.matrix.Result.Outcome;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The main job: the whole matrix runs, every cell with wsproto as client or server passes, the report
 * has a table per transport in text, Markdown and JSON, and an absent peer is listed as absent, never
 * as passed.
 */
@org.junit.jupiter.api.extension.ExtendWith(io.wsproto.h2.NettyLeaks.class)
class MatrixTest {
    @Test
    @Timeout(900)
    void everyCellWithWsprotoPasses() throws Exception {
        ByteArrayOutputStream progress = new ByteArrayOutputStream();
        Matrix matrix = Matrix.everyone();
        List<Result> results = matrix.run(new PrintStream(progress, true, StandardCharsets.UTF_8));
        Report report = matrix.report(results);
        String text = report.text();
        assertEquals(0, report.failuresInvolving("wsproto"), text);
        // The counts follow the peers this machine has: the JVM peers always, the others when installed.
        List<String> jvmPeers = List.of("wsproto", Participants.PINGING, Participants.AUTO, "Jetty 12", "Netty 4.2 h1", "JDK HttpClient");
        for (String jvmPeer : jvmPeers) {
            assertFalse(matrix.absent.containsKey("client " + jvmPeer) || matrix.absent.containsKey("server " + jvmPeer), jvmPeer + " is never absent");
        }
        long cellsWithWsproto = cellsWithWsproto(matrix);
        long jvmCellsWithWsproto = cellsWithWsproto(matrix.only(Set.copyOf(jvmPeers), Set.copyOf(jvmPeers)));
        assertTrue(jvmCellsWithWsproto > 0 && cellsWithWsproto >= jvmCellsWithWsproto, cellsWithWsproto + " cells with wsproto, "
                + jvmCellsWithWsproto + " of them between JVM peers");
        assertEquals(cellsWithWsproto, results.stream().filter(r -> r.involves("wsproto")
                        && (r.outcome() == Outcome.PASS || r.outcome() == Outcome.PEER_BUG)).count(),
                "every cell with wsproto that this machine can run passed, or failed by a documented bug of the peer:\n" + text);
        for (Result r : results) {
            boolean sideAbsent = matrix.absent.containsKey("client " + r.client()) || matrix.absent.containsKey("server " + r.server())
                    || r.transport().proxied() && matrix.absent.containsKey(Matrix.PROXY);
            assertEquals(sideAbsent, r.outcome() == Outcome.ABSENT, "absent exactly when a side is missing: " + r);
        }
        for (Transport t : Transport.values()) {
            assertTrue(text.contains("\n" + t.label + "\n"), "a table for " + t.label);
            assertTrue(report.markdown().contains("## " + t.label), "a Markdown table for " + t.label);
        }
        assertTrue(report.json().contains("\"client\": \"wsproto\", \"server\": \"Jetty 12\", \"transport\": \"h2c\", \"deflate\": true, \"outcome\": \"pass\""),
                report.json());
        assertTrue(progress.toString(StandardCharsets.UTF_8).contains("[1/"), "progress is shown");
    }

    /** The cells with wsproto on either side that run on this machine (both sides present, transports and deflate matching). */
    private static long cellsWithWsproto(Matrix matrix) {
        long cells = 0;
        for (ServerPeer server : matrix.servers) {
            for (ClientPeer client : matrix.clients) {
                for (Transport t : Transport.values()) {
                    for (boolean deflate : new boolean[] {false, true}) {
                        boolean ours = client.name.startsWith("wsproto") || server.name.startsWith("wsproto");
                        cells += ours && matrix.whyNot(client, server, t, deflate) == null ? 1 : 0;
                    }
                }
            }
        }
        return cells;
    }

    @Test
    void anAbsentPeerIsListedAsAbsentNeverAsPassed() throws Exception {
        ClientPeer missing = new ClientPeer("missing peer", Participants.ALL, Participants.BOTH) {
            @Override
            String absentBecause() {
                return "not installed here";
            }

            @Override
            String run(Workspace w, ServerPeer.Running server, Transport transport, boolean deflate) {
                throw new AssertionError("an absent client must never run");
            }
        };
        ServerPeer netty = Participants.servers().stream().filter(s -> s.name.equals("Netty 4.2 h1")).findFirst().orElseThrow();
        Matrix matrix = new Matrix(List.of(netty), List.of(missing));
        List<Result> results = matrix.run(new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
        assertEquals(2 * Transport.values().length, results.size(), "a cell for every transport, with and without deflate");
        assertTrue(results.stream().allMatch(r -> r.outcome() == Outcome.ABSENT), results.toString());
        Report report = matrix.report(results);
        assertTrue(report.text().contains("client missing peer: not installed here"), report.text());
        assertEquals(0, report.count(Outcome.PASS));
    }

    @Test
    void aFailingCellIsNumberedWithItsReason() throws Exception {
        ClientPeer failing = new ClientPeer("failing peer", Set.of(Transport.H1), Set.of(false)) {
            @Override
            String run(Workspace w, ServerPeer.Running server, Transport transport, boolean deflate) {
                throw new AssertionError("text echo of 125 bytes: got nothing");
            }
        };
        ServerPeer netty = Participants.servers().stream().filter(s -> s.name.equals("Netty 4.2 h1")).findFirst().orElseThrow();
        Matrix matrix = new Matrix(List.of(netty), List.of(failing));
        Report report = matrix.report(matrix.run(new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8)));
        assertEquals(1, report.count(Outcome.FAIL));
        assertTrue(report.text().contains("FAIL#1 / n/a"), report.text());
        assertTrue(report.text().contains("FAIL#1 failing peer -> Netty 4.2 h1, h1, no deflate: text echo of 125 bytes: got nothing"), report.text());
        assertTrue(report.markdown().contains("| failing peer | FAIL#1 / n/a |"), report.markdown());
        assertTrue(report.json().contains("\"outcome\": \"fail\", \"detail\": \"text echo of 125 bytes: got nothing\""), report.json());
    }

    @Test
    void aFailureFromADocumentedBugOfThePeerIsReportedAsSuchAndNotCountedAgainstWsproto() throws Exception {
        ClientPeer buggy = new ClientPeer("buggy peer", Set.of(Transport.H1), Participants.BOTH) {
            @Override
            String knownFault(ServerPeer server, Transport transport, boolean deflate) {
                return deflate ? "its inflater forgets things (tracker #1)" : null;
            }

            @Override
            String run(Workspace w, ServerPeer.Running server, Transport transport, boolean deflate) {
                throw new AssertionError("binary echo of 0 bytes differs");
            }
        };
        ServerPeer ours = Participants.servers().get(0);
        Matrix matrix = new Matrix(List.of(ours), List.of(buggy));
        Report report = matrix.report(matrix.run(new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8)));
        // h1, and h1 through nghttpx in front of serve when the machine has nghttpx
        int cells = NghttpxProxy.absentBecause() == null ? 2 : 1;
        assertEquals(cells, report.count(Outcome.FAIL), "without deflate it has no excuse");
        assertEquals(cells, report.count(Outcome.PEER_BUG));
        assertEquals(cells, report.failuresInvolving("wsproto"));
        assertTrue(report.text().contains("FAIL#1 / peer-bug#2"), report.text());
        assertTrue(report.text().contains("peer-bug#2 buggy peer -> wsproto, h1, deflate: its inflater forgets things (tracker #1); "
                + "seen as: binary echo of 0 bytes differs"), report.text());
    }
}
