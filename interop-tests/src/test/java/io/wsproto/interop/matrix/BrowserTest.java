package io.wsproto.interop.matrix;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Debian's headless Chromium loads {@code serve}'s page and runs its echo plan; the server's own log
 * proves how the WebSocket came. Over TLS the page is loaded over HTTP/2, so Chromium opens the WebSocket
 * on that connection with an extended CONNECT (RFC 8441); over plaintext it uses the HTTP/1.1 upgrade.
 * The matrix's Chromium participant does the work and checks the log; this test names the two proofs.
 * Each test is skipped with the reason when Chromium is absent; scripts/install-peers.sh installs it.
 */
@Timeout(180)
class BrowserTest {
    private static final Participants.Chromium CHROMIUM = new Participants.Chromium();

    @BeforeEach
    void requireChromium() {
        Peers.require("headless Chromium", CHROMIUM.absentBecause());
    }

    private static String run(Transport transport) throws Exception {
        try (Workspace workspace = new Workspace(); ServerPeer.Running serve = new Participants.Ours("wsproto", false).start(workspace)) {
            String verdict = CHROMIUM.run(workspace, serve, transport, true);
            String log = ((Participants.Ours.Log) serve).log();
            assertTrue(log.contains("with code 1000"), "the server saw the browser's close with 1000:\n" + log);
            return verdict;
        }
    }

    @Test
    void chromiumUsesHttp2ExtendedConnectWithDeflateOverTls() throws Exception {
        String verdict = run(Transport.TLS_H2);
        assertTrue(verdict.contains("websocket opened via h2 extended CONNECT stream, permessage-deflate negotiated"), verdict);
    }

    @Test
    void chromiumUsesTheHttp11UpgradeOverPlaintext() throws Exception {
        String verdict = run(Transport.H1);
        assertTrue(verdict.contains("websocket opened via HTTP/1.1 upgrade, permessage-deflate negotiated"), verdict);
    }
}
