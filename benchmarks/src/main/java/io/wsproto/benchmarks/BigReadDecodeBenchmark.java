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
 * {@link DecodeBenchmark} with 4 MiB handed over per call, as a loop that reads large buffers does (and as
 * an independent harness measured us): each call holds hundreds of thousands of small frames, so what an
 * implementation keeps per frame until it is taken shows. One operation is one 4 MiB call.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class BigReadDecodeBenchmark {
    @Param({"16", "125", "65536", "1048576"})
    public int size;

    @Param({"binary", "ascii", "utf8"})
    public String payload;

    private byte[] input;
    private Decoders decoders;

    @Setup(Level.Trial)
    public void setUp() {
        boolean text = !payload.equals("binary");
        input = Inputs.maskedFrames(Inputs.payload(payload, size), text, Inputs.framesPerBatch(size, Inputs.BIG_READ_BYTES));
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
