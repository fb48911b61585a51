package io.wsproto.h2;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * BouncyCastle is optional: {@link NoBouncyCastleExample} runs a TLS WebSocket server and client on the JDK
 * provider in a JVM whose class path holds wsproto and Netty but no BouncyCastle jar, and asking for the
 * BouncyCastle provider there fails with an error naming what to add.
 */
class NoBouncyCastleTest {
    @Test
    @Timeout(90)
    void aTlsServerRunsWithoutBouncyCastle(@TempDir Path dir) throws Exception {
        Tls.Identity identity = TestTls.selfSigned();
        Path keyStore = dir.resolve("server.p12");
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        store.setKeyEntry("server", identity.key(), "secret".toCharArray(), new Certificate[] {identity.certificate()});
        try (OutputStream out = Files.newOutputStream(keyStore)) {
            store.store(out, "secret".toCharArray());
        }

        List<String> classPath = new ArrayList<>();
        for (String entry : testClassPath()) {
            String name = Path.of(entry).getFileName().toString();
            if (!name.startsWith("bc") && !name.contains("bouncycastle") && !name.startsWith("netty-pkitesting")) {
                classPath.add(entry);
            }
        }
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process child = new ProcessBuilder(java, "-cp", String.join(File.pathSeparator, classPath),
                NoBouncyCastleExample.class.getName(), keyStore.toString()).redirectErrorStream(true).start();
        String output = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(child.waitFor(60, TimeUnit.SECONDS), "the example finishes");
        assertEquals(0, child.exitValue(), output);
        assertTrue(output.contains("no BouncyCastle on the class path"), output);
        assertTrue(output.contains("echo over TLS h2: hello without BouncyCastle"), output);
        assertTrue(output.contains("asking for BouncyCastle: Tls.Provider.BOUNCY_CASTLE needs BouncyCastle on the class path: "
                + "org.bouncycastle:bctls-jdk18on"), output);
    }

    /** Every entry of the test's class and module path, as Surefire set them. */
    private static Set<String> testClassPath() {
        Set<String> entries = new LinkedHashSet<>();
        for (String property : new String[] {"jdk.module.path", "surefire.test.class.path", "java.class.path"}) {
            String value = System.getProperty(property);
            if (value != null) {
                for (String entry : value.split(File.pathSeparator)) {
                    if (!entry.isBlank() && !entry.endsWith("surefirebooter.jar") && !entry.contains("surefire")) {
                        entries.add(entry);
                    }
                }
            }
        }
        return entries;
    }
}
