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
 * Server-side decode of masked client frames, many frames per input buffer for small sizes: wsproto's
 * {@link Connection}, Netty 4.2's WebSocket08FrameDecoder (with its Utf8FrameValidator, as its server
 * pipeline has), and Jetty 12's Parser (demasking, and validating text with Utf8StringBuilder). Every
 * implementation unmasks, checks UTF-8 for text, and hands each frame on. Scores are operations per
 * second, one operation being one batch of {@link Inputs#framesPerBatch} frames.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class DecodeBenchmark {
    @Param({"16", "125", "4096", "65536", "1048576"})
    public int size;

    @Param({"binary", "ascii", "utf8"})
    public String payload;

    private byte[] input;
    private boolean text;
    private Connection wsproto;
    private EmbeddedChannel netty;
    private JettyFrames jetty;

    @Setup(Level.Trial)
    public void setUp() {
        text = !payload.equals("binary");
        input = Inputs.maskedFrames(Inputs.payload(payload, size), text, Inputs.framesPerBatch(size));
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
        wsproto.receiveData(ByteBuffer.wrap(input));
        Event e;
        while ((e = wsproto.nextEvent()) != null) {
            bh.consume(e);
        }
    }

    @Benchmark
    public void netty(Blackhole bh) {
        netty.writeInbound(Unpooled.wrappedBuffer(input));
        WebSocketFrame f;
        while ((f = netty.readInbound()) != null) {
            bh.consume(f);
            f.release();
        }
    }

    @Benchmark
    public void jetty(Blackhole bh) {
        jetty.decode(ByteBuffer.wrap(input), text, bh);
    }
}
