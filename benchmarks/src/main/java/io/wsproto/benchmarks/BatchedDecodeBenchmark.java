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
 * Server-side decode of masked client frames, many frames per call for small sizes, by the three
 * {@link Decoders}: every implementation unmasks, checks UTF-8 for text, and hands each frame on. Scores are
 * operations per second, one operation being one call with {@link #batchBytes()} of frames. The subclasses
 * choose the size of a call.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public abstract class BatchedDecodeBenchmark {
    @Param({"16", "125", "4096", "65536", "1048576"})
    public int size;

    @Param({"binary", "ascii", "utf8"})
    public String payload;

    private byte[] input;
    private Decoders decoders;

    /** How many bytes of frames one call hands over. */
    abstract int batchBytes();

    @Setup(Level.Trial)
    public void setUp() {
        boolean text = !payload.equals("binary");
        input = Inputs.maskedFrames(Inputs.payload(payload, size), text, Inputs.framesPerBatch(size, batchBytes()));
        decoders = new Decoders(text);
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        decoders.close();
    }

    @Benchmark
    public void wsproto(Blackhole bh) {
        decoders.wsproto(input, bh);
    }

    @Benchmark
    public void netty(Blackhole bh) {
        decoders.netty(input, bh);
    }

    @Benchmark
    public void jetty(Blackhole bh) {
        decoders.jetty(input, bh);
    }
}
