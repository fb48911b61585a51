package io.wsproto.interop.conformance;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Predicate;

/**
 * The tester's side of one case's WebSocket: sends frames (masked when the tester is the client), reads
 * and checks what the implementation under test sends back, and judges it. The judging methods end the
 * case: each finishes the close handshake as the RFC asks of the tester's role.
 */
final class Probe implements AutoCloseable {
    /** How long the implementation under test may take to answer anything. */
    static final long WAIT_MILLIS = 3000;

    final Role role;
    /** The {@code Sec-WebSocket-Extensions} the client offered and the server answered (null: none). */
    final String offered;
    final String answered;
    final Deflate deflate;
    private final Wire wire;
    private final Reader reader;
    private final Deflate.Compressor compressor;
    private final AutoCloseable client;
    private final List<Seen> seen = new ArrayList<>();
    private boolean ended;
    private SutViolation violation;
    private String writeFailure;

    Probe(Role role, Wire wire, String offered, String answered, AutoCloseable client) {
        this.role = role;
        this.wire = wire;
        this.offered = offered;
        this.answered = answered;
        this.deflate = Deflate.fromResponse(answered, role == Role.SERVER);
        this.reader = new Reader(role.sutIsClient(), deflate);
        this.compressor = new Deflate.Compressor(deflate != null && deflate.testerNoContextTakeover());
        this.client = client;
    }

    // ------------------------------------------------------------------ sending

    void send(Frame... frames) {
        for (Frame f : frames) {
            write(f.encode(role == Role.SERVER));
        }
    }

    /** Sends a frame's bytes in writes of {@code chunk} bytes, so the peer sees them arrive piece by piece. */
    void sendInChunks(Frame frame, int chunk) {
        byte[] bytes = frame.encode(role == Role.SERVER);
        for (int i = 0; i < bytes.length; i += chunk) {
            write(Arrays.copyOfRange(bytes, i, Math.min(bytes.length, i + chunk)));
        }
    }

    void write(byte[] bytes) {
        if (writeFailure != null) {
            return;
        }
        try {
            wire.write(bytes);
        } catch (IOException e) {
            writeFailure = e.getMessage(); // the peer may have closed on us: what it sent says why
        }
    }

    boolean masks() {
        return role == Role.SERVER;
    }

    boolean deflated() {
        return deflate != null;
    }

    /** A message compressed as RFC 7692 §7.2.1 says, RSV1 set, with the tester's context. */
    Frame compressed(int opcode, byte[] data) {
        return new Frame(true, Frame.RSV1, opcode, compressor.compress(data));
    }

    // ------------------------------------------------------------------ reading

    /** Reads until {@code done} holds, the transport ends, the peer breaks a rule, or {@code millis} pass quietly. */
    private boolean pump(Predicate<Probe> done, long millis) throws Exception {
        long deadline = System.nanoTime() + millis * 1_000_000;
        while (!done.test(this) && !ended && violation == null) {
            long left = (deadline - System.nanoTime()) / 1_000_000;
            if (left <= 0) {
                return false;
            }
            Object r = wire.read(left);
            if (r == null) {
                return false;
            }
            if (r instanceof Seen.End end) {
                ended = true;
                seen.add(end);
            } else {
                try {
                    reader.feed((byte[]) r);
                } catch (SutViolation v) {
                    violation = v;
                }
                Seen s;
                while ((s = reader.poll()) != null) {
                    seen.add(s);
                }
            }
        }
        return true;
    }

    /** The messages and pongs seen so far (its own pings are not answers). */
    List<Seen> answers() {
        return seen.stream().filter(s -> s instanceof Seen.Data d && d.kind() != Seen.Kind.PING).toList();
    }

    /** The answers beyond the first {@code count}. */
    private List<Seen> answersAfter(int count) {
        List<Seen> all = answers();
        return all.subList(Math.min(count, all.size()), all.size());
    }

    Seen.Close closeSeen() {
        return (Seen.Close) seen.stream().filter(s -> s instanceof Seen.Close).findFirst().orElse(null);
    }

    /** Waits up to {@code millis} for a close or the end; true if either came. */
    boolean closesWithin(long millis) throws Exception {
        pump(p -> p.closeSeen() != null, millis);
        return closeSeen() != null || ended;
    }

    /** Waits for {@code count} answers (or a close, the end, or the wait). */
    List<Seen> awaitAnswers(int count) throws Exception {
        pump(p -> p.answers().size() >= count || p.closeSeen() != null, WAIT_MILLIS);
        return answers();
    }

    // ------------------------------------------------------------------ judging

    /** The peer must answer exactly {@code expected}, in order, then complete a normal close handshake. */
    Result echoes(Seen... expected) throws Exception {
        List<Seen> want = List.of(expected);
        List<Seen> got = awaitAnswers(want.size());
        if (violation != null) {
            return Result.failed(violation.getMessage());
        }
        if (!got.equals(want)) {
            return Result.failed("expected " + summary(want) + ", saw " + summary(seen));
        }
        return Result.ok("answered " + summary(want)).and(closeNormally());
    }

    /** The tester closes with 1000; the peer must reply with a close and, as a server, then end the transport. */
    Result closeNormally() throws Exception {
        send(Frame.close(1000));
        pump(p -> p.closeSeen() != null, WAIT_MILLIS);
        if (violation != null) {
            return Result.failed(violation.getMessage());
        }
        Seen.Close reply = closeSeen();
        if (reply == null) {
            return Result.failed((ended ? "ended without" : "sent no") + " close reply to 1000 (§5.5.1: it MUST reply)");
        }
        Result r = reply.code() == 1000 || reply.code() < 0 ? Result.ok("closed 1000")
                : Result.nonStrict("replied to close 1000 with " + reply.code());
        return r.and(finish());
    }

    /**
     * The peer must fail the connection (§7.1.7): a close frame with {@code code}, after answering exactly
     * {@code before}. Another code, or dropping the transport without a close frame, is NON-STRICT.
     */
    Result fails(int code, String section, Seen... before) throws Exception {
        pump(p -> p.closeSeen() != null, WAIT_MILLIS);
        if (violation != null) {
            return Result.failed(violation.getMessage());
        }
        List<Seen> want = List.of(before);
        List<Seen> got = answers();
        if (got.size() > want.size() && got.subList(0, want.size()).equals(want)) {
            return Result.failed("accepted what " + section + " forbids: answered " + summary(got.subList(want.size(), got.size())));
        }
        if (!got.equals(want)) {
            return Result.failed("expected " + summary(want) + " before failing, saw " + summary(seen));
        }
        Seen.Close close = closeSeen();
        if (close == null) {
            return ended ? Result.nonStrict("dropped the connection without a close frame (" + section + " asks for " + code + ")")
                    : Result.failed("did not fail the connection within " + WAIT_MILLIS / 1000 + " s (" + section + ")");
        }
        Result r = close.code() == code ? Result.ok("closed " + code)
                : Result.nonStrict("closed " + close.code() + " where " + section + " calls for " + code);
        send(Frame.close(close.code() < 0 ? 1000 : close.code()));
        return r.and(finish());
    }

    /** Like {@link #fails}, but the close must come before the tester sends {@code rest}: fail-fast. */
    Result failsFast(int code, String section, Runnable rest) throws Exception {
        if (closesWithin(1000)) {
            return fails(code, section);
        }
        rest.run();
        Result late = fails(code, section);
        return late.verdict() == Result.Verdict.OK ? Result.nonStrict("failed only once the rest arrived (closed " + code + ")") : late;
    }

    /** The peer must answer a close carrying {@code code} with a close that echoes it (§5.5.1). */
    Result closeEchoes(int code) throws Exception {
        int start = answers().size();
        pump(p -> p.closeSeen() != null, WAIT_MILLIS);
        if (violation != null) {
            return Result.failed(violation.getMessage());
        }
        Seen.Close reply = closeSeen();
        if (!answersAfter(start).isEmpty()) {
            return Result.failed("answered what came after the close: " + summary(answersAfter(start)));
        }
        if (reply == null) {
            return Result.failed((ended ? "ended without" : "sent no") + " close reply (§5.5.1: it MUST reply)");
        }
        Result r = reply.code() == code ? Result.ok("echoed " + code)
                : Result.nonStrict("replied with " + reply.code() + " rather than echoing " + code);
        return r.and(finish());
    }

    /**
     * A client under test that got a response it must refuse (RFC 6455 §4.1, RFC 7692 §7.1) must fail the
     * connection before any WebSocket exists: end the transport without answering anything.
     */
    Result refusesHandshake(String section) throws Exception {
        send(Frame.text("must not be echoed"));
        pump(p -> !p.answers().isEmpty() || p.closeSeen() != null, WAIT_MILLIS);
        if (!answers().isEmpty()) {
            return Result.failed("accepted a response " + section + " makes it refuse, and echoed a message");
        }
        if (closeSeen() != null) {
            return Result.nonStrict("sent " + closeSeen() + " on a connection " + section + " says never opened");
        }
        return ended ? Result.ok("refused the response (" + seen.get(seen.size() - 1) + ")")
                : Result.failed("answered nothing, but left the connection open for " + WAIT_MILLIS / 1000
                        + " s (RFC 6455 §7.1.7: failing the connection closes it)");
    }

    /** After the close handshake: a server must end the transport (§5.5.1, §7.1.1); a client's end is the tester's. */
    private Result finish() throws Exception {
        if (role == Role.CLIENT) {
            wire.end();
            return Result.ok("");
        }
        pump(p -> false, WAIT_MILLIS);
        if (violation != null) {
            return Result.failed(violation.getMessage());
        }
        int close = seen.indexOf(closeSeen());
        for (int i = close + 1; close >= 0 && i < seen.size(); i++) {
            if (!(seen.get(i) instanceof Seen.End)) {
                return Result.failed("sent " + seen.get(i) + " after its close frame (§5.5.1)");
            }
        }
        return ended ? Result.ok("") : Result.failed("did not end the " + (wire instanceof H2Wire ? "stream" : "TCP connection")
                + " within " + WAIT_MILLIS / 1000 + " s of the close handshake (§5.5.1: it MUST)");
    }

    static String summary(List<Seen> items) {
        if (items.size() > 6) {
            return items.subList(0, 5) + "... (" + items.size() + " in all)";
        }
        return items.toString();
    }

    @Override
    public void close() {
        wire.close();
        if (client != null) {
            try {
                client.close();
            } catch (Exception ignored) {
                // the client under test is stopped either way
            }
        }
    }
}
