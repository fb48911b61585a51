package io.wsproto.benchmarks;

/**
 * {@link BatchedDecodeBenchmark} with 4 MiB per call, as a loop that reads large buffers does (and as an
 * independent harness measured us): each call holds hundreds of thousands of small frames, so what an
 * implementation keeps per frame until it is taken shows.
 */
public class BigReadDecodeBenchmark extends BatchedDecodeBenchmark {
    @Override
    int batchBytes() {
        return Inputs.BIG_READ_BYTES;
    }
}
