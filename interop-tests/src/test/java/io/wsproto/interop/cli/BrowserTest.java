package io.wsproto.interop.cli;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.wsproto.h2.WebSocketServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Debian's headless Chromium loads {@code serve}'s page and runs its echo plan; the server's own log
 * proves how the WebSocket came. Over TLS the page is loaded over HTTP/2, so Chromium opens the WebSocket
 * on that connection with an extended CONNECT (RFC 8441); over plaintext it uses the HTTP/1.1 upgrade.
 * Skipped loudly when Chromium is absent; .ci/run installs it.
 */
@Timeout(180)
class BrowserTest {
    static final Path CHROMIUM = Path.of("/usr/bin/chromium");

    @BeforeAll
    static void requireChromium() {
        boolean present = Files.isExecutable(CHROMIUM);
        if (!present) {
            System.err.println("SKIPPED: headless Chromium absent (" + CHROMIUM + "); install with: apt-get install chromium (.ci/run does)");
        }
        Assumptions.assumeTrue(present, "Chromium absent: apt-get install chromium");
    }

    /** Loads the page and returns the server's log once the page reported its verdict. */
    static String loadPage(boolean tls) throws Exception {
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        WebSocketServer server = ServeCommand.start("127.0.0.1", 0, 0, ServeCommand.DEFAULT_MAX_MESSAGE, true,
                new PrintStream(log, true, StandardCharsets.UTF_8));
        Path profile = Files.createTempDirectory("chromium-profile");
        String url = tls ? "https://localhost:" + server.tlsPort() + "/" : "http://127.0.0.1:" + server.plaintextPort() + "/";
        Process browser = new ProcessBuilder(CHROMIUM.toString(), "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
                "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--ignore-certificate-errors", "--user-data-dir=" + profile, url)
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        try {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
            while (!log.toString(StandardCharsets.UTF_8).contains("page verdict:") && System.nanoTime() < deadline && browser.isAlive()) {
                Thread.sleep(200);
            }
            Thread.sleep(500); // the close is logged right after the verdict
            return log.toString(StandardCharsets.UTF_8);
        } finally {
            browser.descendants().forEach(ProcessHandle::destroy);
            browser.destroy();
            browser.waitFor(10, TimeUnit.SECONDS);
            server.close();
            deleteQuietly(profile);
        }
    }

    static void deleteQuietly(Path dir) {
        try (var paths = Files.walk(dir)) {
            paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // a temporary profile left behind is harmless
        }
    }

    @Test
    void chromiumUsesHttp2ExtendedConnectWithDeflateOverTls() throws Exception {
        String log = loadPage(true);
        assertTrue(log.contains("page verdict: PASS"), log);
        assertTrue(log.contains("websocket opened via h2 extended CONNECT stream, permessage-deflate negotiated"), log);
        assertTrue(log.contains("websocket closed via h2 with code 1000"), log);
    }

    @Test
    void chromiumUsesTheHttp11UpgradeOverPlaintext() throws Exception {
        String log = loadPage(false);
        assertTrue(log.contains("page verdict: PASS"), log);
        assertTrue(log.contains("websocket opened via HTTP/1.1 upgrade, permessage-deflate negotiated"), log);
    }
}
