package io.wsproto.benchmarks;

/** {@link BatchedDecodeBenchmark} with 64 KiB of frames per call, as a socket read hands them over. */
public class DecodeBenchmark extends BatchedDecodeBenchmark {
    @Override
    int batchBytes() {
        return Inputs.BATCH_BYTES;
    }
}
