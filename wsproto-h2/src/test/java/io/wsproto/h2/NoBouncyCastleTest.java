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
 * BouncyCastle is optional: {@code example.NoBouncyCastleExample} runs a TLS WebSocket server and client on
 * the JDK provider in a JVM that has wsproto and Netty but no BouncyCastle jar, once with everything on the
 * class path and once with wsproto-h2 as a named module on the module path; in both, asking for the
 * BouncyCastle provider fails with an error naming what to add.
 */
class NoBouncyCastleTest {
    @Test
    @Timeout(90)
    void aTlsServerRunsWithoutBouncyCastle(@TempDir Path dir) throws Exception {
        Tls.Identity identity = TestTls.localhost();
        Path keyStore = dir.resolve("server.p12");
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        store.setKeyEntry("server", identity.key(), "secret".toCharArray(), new Certificate[] {identity.certificate()});
        try (OutputStream out = Files.newOutputStream(keyStore)) {
            store.store(out, "secret".toCharArray());
        }

        List<String> classPath = new ArrayList<>();
        List<String> modulePath = new ArrayList<>();
        List<String> exampleOnly = new ArrayList<>();
        for (String entry : testClassPath()) {
            String name = Path.of(entry).getFileName().toString();
            if (name.startsWith("bc") || name.contains("bouncycastle") || name.startsWith("netty-pkitesting")) {
                continue;
            }
            classPath.add(entry);
            if (name.equals("test-classes")) {
                exampleOnly.add(entry);
            } else if (name.startsWith("netty-") || name.startsWith("wsproto-") || name.equals("classes")) {
                modulePath.add(entry);
            }
        }
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String example = "example.NoBouncyCastleExample";
        String onClassPath = run(List.of(java, "-cp", String.join(File.pathSeparator, classPath), example, keyStore.toString()));
        assertTrue(onClassPath.contains("wsproto-h2 is on the class path"), onClassPath);
        String onModulePath = run(List.of(java, "--module-path", String.join(File.pathSeparator, modulePath), "--add-modules", "io.wsproto.h2",
                "-cp", String.join(File.pathSeparator, exampleOnly), example, keyStore.toString()));
        assertTrue(onModulePath.contains("wsproto-h2 is the named module io.wsproto.h2"), onModulePath);
    }

    /** Runs the example in a JVM of its own and checks what it printed. */
    private static String run(List<String> command) throws Exception {
        Process child = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(child.waitFor(60, TimeUnit.SECONDS), "the example finishes");
        assertEquals(0, child.exitValue(), output);
        assertTrue(output.contains("no BouncyCastle"), output);
        assertTrue(output.contains("echo over TLS h2: hello without BouncyCastle"), output);
        assertTrue(output.contains("asking for BouncyCastle: Tls.Provider.BOUNCY_CASTLE needs BouncyCastle on the class path: "
                + "org.bouncycastle:bctls-jdk18on"), output);
        return output;
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
