package io.wsproto.interop.matrix;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Assumptions;

/** Skips a test whose peer this machine lacks, with the reason in the report and, once per peer, on the console. */
final class Peers {
    private static final Set<String> ANNOUNCED = ConcurrentHashMap.newKeySet();

    private Peers() {
    }

    /** @param absentBecause the peer's {@code absentBecause()}: null when it is present */
    static void require(String peer, String absentBecause) {
        if (absentBecause == null) {
            return;
        }
        String reason = "skipped: " + peer + " absent: " + absentBecause + " (scripts/install-peers.sh installs it)";
        if (ANNOUNCED.add(reason)) {
            System.err.println(reason);
        }
        Assumptions.abort(reason);
    }
}
