package io.wsproto.interop.matrix;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Debian's headless Chromium and Firefox ESR load {@code serve}'s page and run its echo plan; the server's
 * own log proves how the WebSocket came. Over TLS the page is loaded over HTTP/2, so the browser opens the
 * WebSocket on that connection with an extended CONNECT (RFC 8441); over plaintext it uses the HTTP/1.1
 * upgrade. The matrix's browser participants do the work and check the log; this test names the proofs.
 * Each test is skipped with the reason when its browser is absent; scripts/install-peers.sh installs them.
 */
@Timeout(180)
class BrowserTest {
    private static final Participants.Chromium CHROMIUM = new Participants.Chromium();
    private static final Participants.Firefox FIREFOX = new Participants.Firefox();

    private static String run(Participants.Browser browser, Transport transport, boolean deflate) throws Exception {
        Peers.require("headless " + browser.name, browser.absentBecause());
        try (Workspace workspace = new Workspace(); ServerPeer.Running serve = new Participants.Ours("wsproto", false).start(workspace)) {
            String verdict = browser.run(workspace, serve, transport, deflate);
            String log = ((Participants.Ours.Log) serve).log();
            assertTrue(log.contains("with code 1000"), "the server saw the browser's close with 1000:\n" + log);
            return verdict;
        }
    }

    @Test
    void chromiumUsesHttp2ExtendedConnectOverTlsWithAndWithoutDeflate() throws Exception {
        assertTrue(run(CHROMIUM, Transport.TLS_H2, false).contains("websocket opened via h2 extended CONNECT stream, permessage-deflate not negotiated"));
        String verdict = run(CHROMIUM, Transport.TLS_H2, true);
        assertTrue(verdict.contains("websocket opened via h2 extended CONNECT stream, permessage-deflate negotiated"), verdict);
    }

    @Test
    void chromiumUsesTheHttp11UpgradeOverPlaintext() throws Exception {
        String verdict = run(CHROMIUM, Transport.H1, true);
        assertTrue(verdict.contains("websocket opened via HTTP/1.1 upgrade, permessage-deflate negotiated"), verdict);
    }

    @Test
    void firefoxUsesHttp2ExtendedConnectOverTlsWithAndWithoutDeflate() throws Exception {
        assertTrue(run(FIREFOX, Transport.TLS_H2, true).contains("websocket opened via h2 extended CONNECT stream, permessage-deflate negotiated"));
        assertTrue(run(FIREFOX, Transport.TLS_H2, false).contains("websocket opened via h2 extended CONNECT stream, permessage-deflate not negotiated"));
    }

    @Test
    void firefoxUsesTheHttp11UpgradeOverPlaintext() throws Exception {
        String verdict = run(FIREFOX, Transport.H1, true);
        assertTrue(verdict.contains("websocket opened via HTTP/1.1 upgrade, permessage-deflate negotiated"), verdict);
    }
}
