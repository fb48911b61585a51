package io.wsproto.benchmarks;

import io.wsproto.extensions.Extension;
import io.wsproto.extensions.ExtensionsHandshake;
import io.wsproto.extensions.PerMessageDeflate;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.zip.DataFormatException;
import java.util.zip.Deflater;
import java.util.zip.Inflater;
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
import org.openjdk.jmh.annotations.Warmup;

/**
 * permessage-deflate round trip of one message (compress as the sender, inflate as the receiver, with
 * context takeover) through wsproto's {@link PerMessageDeflate}, against the same work done directly on
 * {@code java.util.zip} with reused buffers: the overhead of our extension over raw zlib.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class DeflateBenchmark {
    private static final byte[] TAIL = {0, 0, (byte) 0xFF, (byte) 0xFF};

    @Param({"125", "4096", "65536"})
    public int size;

    private byte[] message;
    private Extension sender;
    private Extension receiver;
    private final Deflater deflater = new Deflater(Deflater.DEFAULT_COMPRESSION, true);
    private final Inflater inflater = new Inflater(true);
    private byte[] compressed;
    private byte[] inflated;

    @Setup(Level.Trial)
    public void setUp() {
        message = json(size);
        PerMessageDeflate client = new PerMessageDeflate();
        PerMessageDeflate server = new PerMessageDeflate();
        String offer = ExtensionsHandshake.clientOffer(List.of(client)).orElseThrow();
        String answer = ExtensionsHandshake.serverExtensionsHandshake(List.of(offer), List.of(server)).orElseThrow();
        sender = ExtensionsHandshake.clientExtensionsHandshake(List.of(answer), List.of(client)).get(0);
        receiver = server;
        compressed = new byte[size + 1024];
        inflated = new byte[size + 64];
    }

    /** JSON-like text: the kind of message that is compressed in practice. */
    static byte[] json(int size) {
        Random random = new Random(size);
        StringBuilder s = new StringBuilder();
        String[] words = {"id", "name", "price", "quantity", "status", "updated", "tags", "owner"};
        while (s.length() < size) {
            s.append("{\"").append(words[random.nextInt(words.length)]).append("\":").append(random.nextInt(100000))
                    .append(",\"").append(words[random.nextInt(words.length)]).append("\":\"")
                    .append(Long.toHexString(random.nextLong()), 0, 6).append("\"},");
        }
        return s.substring(0, size).getBytes(StandardCharsets.US_ASCII);
    }

    @Benchmark
    public byte[] wsproto() {
        byte[] z = sender.encode(message, 0, message.length, true);
        return receiver.decode(z, 0, z.length, true, Long.MAX_VALUE);
    }

    @Benchmark
    public int rawZlib() throws DataFormatException {
        deflater.setInput(message);
        int n = deflater.deflate(compressed, 0, compressed.length, Deflater.SYNC_FLUSH);
        // The receiver gets the message without its last four bytes (00 00 FF FF) and puts them back.
        inflater.setInput(compressed, 0, n - 4);
        int out = inflater.inflate(inflated);
        inflater.setInput(TAIL);
        out += inflater.inflate(inflated, out, inflated.length - out);
        if (out != message.length) {
            throw new IllegalStateException("inflated " + out + " of " + message.length + ": " + Arrays.toString(Arrays.copyOf(inflated, 8)));
        }
        return out;
    }
}
