package io.wsproto.benchmarks;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Server-side decode of one masked frame that arrives split across many reads of 1460 bytes (a TCP
 * segment's payload), as large frames do from a socket, by the three {@link Decoders}. One operation is
 * the whole frame.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class SplitDecodeBenchmark {
    static final int PIECE = 1460;

    @Param({"4096", "65536", "1048576"})
    public int size;

    @Param({"binary", "ascii"})
    public String payload;

    private byte[][] raw;
    private Decoders decoders;

    @Setup(Level.Trial)
    public void setUp() {
        boolean text = payload.equals("ascii");
        byte[] frame = Inputs.maskedFrames(Inputs.payload(payload, size), text, 1);
        int n = (frame.length + PIECE - 1) / PIECE;
        raw = new byte[n][];
        for (int i = 0; i < n; i++) {
            raw[i] = java.util.Arrays.copyOfRange(frame, i * PIECE, Math.min(frame.length, (i + 1) * PIECE));
        }
        decoders = new Decoders(text);
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        decoders.close();
    }

    @Benchmark
    public void wsproto(Blackhole bh) {
        for (byte[] piece : raw) {
            decoders.wsproto(piece, bh);
        }
    }

    @Benchmark
    public void netty(Blackhole bh) {
        for (byte[] piece : raw) {
            decoders.netty(piece, bh);
        }
    }

    @Benchmark
    public void jetty(Blackhole bh) {
        for (byte[] piece : raw) {
            decoders.jetty(piece, bh);
        }
    }
}
