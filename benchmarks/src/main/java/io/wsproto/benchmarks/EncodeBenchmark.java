package io.wsproto.benchmarks;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocket08FrameEncoder;
import io.wsproto.Connection;
import io.wsproto.ConnectionType;
import io.wsproto.Limits;
import io.wsproto.events.BytesMessage;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.util.BufferUtil;
import org.eclipse.jetty.websocket.core.Frame;
import org.eclipse.jetty.websocket.core.OpCode;
import org.eclipse.jetty.websocket.core.internal.Generator;
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
 * Client-side encode of one binary message with masking: wsproto's {@link Connection#send} (with its
 * default SecureRandom mask keys, and with a fast non-secure source for comparison), Netty 4.2's
 * WebSocket08FrameEncoder (mask keys from a thread-local, non-secure random), and Jetty 12's Generator
 * with a mask from ThreadLocalRandom. Scores are messages per second.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class EncodeBenchmark {
    @Param({"16", "125", "4096", "65536", "1048576"})
    public int size;

    private byte[] payload;
    private Connection wsproto;
    private Connection wsprotoFastKeys;
    private EmbeddedChannel netty;
    private final Generator jetty = new Generator();
    private ByteBuffer jettyOut;

    @Setup(Level.Trial)
    public void setUp() {
        payload = Inputs.payload("binary", size);
        wsproto = new Connection(ConnectionType.CLIENT);
        wsprotoFastKeys = new Connection(ConnectionType.CLIENT, List.of(), Limits.DEFAULT, ThreadLocalRandom.current());
        netty = new EmbeddedChannel(new WebSocket08FrameEncoder(true));
        jettyOut = ByteBuffer.allocate(size + Generator.MAX_HEADER_LENGTH);
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        netty.finishAndReleaseAll();
    }

    @Benchmark
    public void wsproto(Blackhole bh) {
        bh.consume(wsproto.send(new BytesMessage(payload)));
    }

    @Benchmark
    public void wsprotoNonSecureMaskKeys(Blackhole bh) {
        bh.consume(wsprotoFastKeys.send(new BytesMessage(payload)));
    }

    @Benchmark
    public void netty(Blackhole bh) {
        netty.writeOutbound(new BinaryWebSocketFrame(Unpooled.wrappedBuffer(payload)));
        ByteBuf out;
        while ((out = netty.readOutbound()) != null) {
            bh.consume(out);
            out.release();
        }
    }

    @Benchmark
    public void jetty(Blackhole bh) {
        Frame frame = new Frame(OpCode.BINARY, ByteBuffer.wrap(payload));
        byte[] mask = new byte[4];
        ThreadLocalRandom.current().nextBytes(mask);
        frame.setMask(mask);
        BufferUtil.clear(jettyOut); // Jetty's convention: an empty buffer in flush mode

        jetty.generateWholeFrame(frame, jettyOut);
        bh.consume(jettyOut);
    }
}
