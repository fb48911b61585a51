package io.wsproto.benchmarks;

import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.websocketx.Utf8FrameValidator;
import io.netty.handler.codec.http.websocketx.WebSocket08FrameDecoder;
import io.netty.handler.codec.http.websocketx.WebSocketDecoderConfig;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import io.wsproto.Connection;
import io.wsproto.ConnectionType;
import io.wsproto.events.Event;
import java.nio.ByteBuffer;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.io.ByteBufferPool;
import org.eclipse.jetty.websocket.core.internal.Parser;
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
 * segment's payload), as large frames do from a socket. One operation is the whole frame.
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
    private boolean text;
    private Connection wsproto;
    private EmbeddedChannel netty;
    private JettyFrames jetty;

    @Setup(Level.Trial)
    public void setUp() {
        text = payload.equals("ascii");
        byte[] frame = Inputs.maskedFrames(Inputs.payload(payload, size), text, 1);
        int n = (frame.length + PIECE - 1) / PIECE;
        raw = new byte[n][];
        for (int i = 0; i < n; i++) {
            raw[i] = java.util.Arrays.copyOfRange(frame, i * PIECE, Math.min(frame.length, (i + 1) * PIECE));
        }
        wsproto = new Connection(ConnectionType.SERVER);
        netty = new EmbeddedChannel(new WebSocket08FrameDecoder(WebSocketDecoderConfig.newBuilder()
                .expectMaskedFrames(true).allowExtensions(false).maxFramePayloadLength(2 << 20).build()),
                new Utf8FrameValidator());
        jetty = new JettyFrames(new Parser(new ByteBufferPool.NonPooling()));
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        netty.finishAndReleaseAll();
    }

    @Benchmark
    public void wsproto(Blackhole bh) {
        for (byte[] piece : raw) {
            wsproto.receiveData(ByteBuffer.wrap(piece));
            Event e;
            while ((e = wsproto.nextEvent()) != null) {
                bh.consume(e);
            }
        }
    }

    @Benchmark
    public void netty(Blackhole bh) {
        for (byte[] piece : raw) {
            netty.writeInbound(Unpooled.wrappedBuffer(piece));
            WebSocketFrame f;
            while ((f = netty.readInbound()) != null) {
                bh.consume(f);
                f.release();
            }
        }
    }

    @Benchmark
    public void jetty(Blackhole bh) {
        for (byte[] piece : raw) {
            jetty.decode(ByteBuffer.wrap(piece), text, bh);
        }
    }
}
