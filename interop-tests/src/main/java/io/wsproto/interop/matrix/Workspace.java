package io.wsproto.interop.matrix;

import io.wsproto.interop.peers.PeerTls;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A temporary directory for one matrix run: the peer scripts taken out of the jar, the shared test
 * certificate as PEM files, and every process the run started, which {@link #close} stops (by handle).
 */
final class Workspace implements AutoCloseable {
    static final String PYTHON = Files.isExecutable(Path.of("/usr/bin/python3")) ? "/usr/bin/python3" : "python3";
    private static final Pattern LISTENING = Pattern.compile("listening ((?:\\d+ ?)+)");

    final Path dir;
    /** The certificate followed by its authority (PEM): a chain to serve, or what to trust. */
    final Path certificate;
    final Path key;
    /** The authority alone (PEM), for browsers' certificate stores. */
    final Path authority;
    private final List<Process> started = new ArrayList<>();

    Workspace() throws IOException, GeneralSecurityException {
        dir = Files.createTempDirectory("wsproto-matrix");
        Path[] pem = PeerTls.pemFiles(dir);
        certificate = pem[0];
        key = pem[1];
        authority = pem[2];
    }

    /** Copies a peer script out of the jar and returns its path. */
    Path script(String name) {
        Path target = dir.resolve(name);
        if (!Files.exists(target)) {
            try (InputStream in = PeerTls.class.getResourceAsStream(name)) {
                if (in == null) {
                    throw new IllegalStateException("the peer script " + name + " is missing from the jar");
                }
                Files.copy(in, target);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return target;
    }

    /** Starts a long-running peer, its output going to a log file in the workspace. */
    Process startProcess(List<String> command, Map<String, String> env, String logName) throws IOException {
        ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
                .redirectOutput(dir.resolve(logName).toFile());
        builder.environment().putAll(env);
        Process p = builder.start();
        synchronized (started) {
            started.add(p);
        }
        return p;
    }

    String log(String logName) {
        try {
            return Files.readString(dir.resolve(logName), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        }
    }

    /** Waits for a peer's "listening PORT [PORT]" line and returns the ports. */
    int[] awaitListening(Process p, String logName, int seconds) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (System.nanoTime() < deadline) {
            Matcher m = LISTENING.matcher(log(logName));
            if (m.find()) {
                return java.util.Arrays.stream(m.group(1).trim().split(" ")).mapToInt(Integer::parseInt).toArray();
            }
            if (!p.isAlive()) {
                break;
            }
            Thread.sleep(50);
        }
        throw new IOException("did not start listening within " + seconds + " s: " + tail(log(logName)));
    }

    /** Runs a client process to its end; returns its output, or throws naming a timeout. */
    String runToEnd(List<String> command, Map<String, String> env, int seconds) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true);
        builder.environment().putAll(env);
        Path out = Files.createTempFile(dir, "client", ".log");
        Process p = builder.redirectOutput(out.toFile()).start();
        try {
            if (!p.waitFor(seconds, TimeUnit.SECONDS)) {
                throw new IOException("timed out after " + seconds + " s: " + tail(Files.readString(out)));
            }
            return Files.readString(out, StandardCharsets.UTF_8);
        } finally {
            stop(p);
            Files.deleteIfExists(out);
        }
    }

    /** The last line of a client's output that says PASS or FAIL; throws with the reason on FAIL or on none. */
    static String verdict(String output) {
        String last = null;
        for (String line : output.split("\n")) {
            if (line.startsWith("PASS") || line.startsWith("FAIL")) {
                last = line.strip();
            }
        }
        if (last == null) {
            throw new AssertionError("no verdict: " + tail(output));
        }
        if (last.startsWith("FAIL")) {
            throw new AssertionError(last.substring(4).strip());
        }
        return last.substring(4).strip();
    }

    static String tail(String text) {
        String t = text.strip().replaceAll("\\s+", " ");
        return t.length() <= 300 ? t : "..." + t.substring(t.length() - 300);
    }

    private static void stop(Process p) throws InterruptedException {
        p.descendants().forEach(ProcessHandle::destroy);
        p.destroy();
        if (!p.waitFor(5, TimeUnit.SECONDS)) {
            p.destroyForcibly();
        }
    }

    @Override
    public void close() throws InterruptedException {
        synchronized (started) {
            for (Process p : started) {
                stop(p);
            }
        }
        try (var paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // a temporary directory left behind is harmless
        }
    }
}
