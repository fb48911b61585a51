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
import org.eclipse.jetty.io.ByteBufferPool;
import org.eclipse.jetty.util.Utf8StringBuilder;
import org.eclipse.jetty.websocket.core.Frame;
import org.eclipse.jetty.websocket.core.internal.Parser;
import org.openjdk.jmh.infra.Blackhole;

/**
 * The three server-side decoders the decode benchmarks compare, each fed one buffer at a time and handing
 * every frame (or event) on: wsproto's {@link Connection}; Netty 4.2's WebSocket08FrameDecoder with its
 * Utf8FrameValidator, as Netty's server pipeline has them; Jetty 12's Parser, demasking, and validating
 * text with Utf8StringBuilder.
 */
final class Decoders {
    private final Connection wsproto = new Connection(ConnectionType.SERVER);
    private final EmbeddedChannel netty = new EmbeddedChannel(new WebSocket08FrameDecoder(WebSocketDecoderConfig.newBuilder()
            .expectMaskedFrames(true).allowExtensions(false).maxFramePayloadLength(2 << 20).build()),
            new Utf8FrameValidator());
    private final Parser jetty = new Parser(new ByteBufferPool.NonPooling());
    private final Utf8StringBuilder jettyUtf8 = new Utf8StringBuilder();
    private final boolean text;

    Decoders(boolean text) {
        this.text = text;
    }

    void wsproto(byte[] buffer, Blackhole bh) {
        wsproto.receiveData(ByteBuffer.wrap(buffer));
        Event e;
        while ((e = wsproto.nextEvent()) != null) {
            bh.consume(e);
        }
    }

    void netty(byte[] buffer, Blackhole bh) {
        netty.writeInbound(Unpooled.wrappedBuffer(buffer));
        WebSocketFrame f;
        while ((f = netty.readInbound()) != null) {
            bh.consume(f);
            f.release();
        }
    }

    void jetty(byte[] bytes, Blackhole bh) {
        ByteBuffer buffer = ByteBuffer.wrap(bytes);
        while (buffer.hasRemaining()) {
            Frame.Parsed f = jetty.parse(buffer);
            if (f == null) {
                break; // the rest of the frame is in a later buffer
            }
            f.demask();
            if (text) {
                jettyUtf8.reset();
                jettyUtf8.append(f.getPayload());
                bh.consume(jettyUtf8.toCompleteString());
            } else {
                bh.consume(f.getPayload());
            }
            f.close();
        }
    }

    void close() {
        netty.finishAndReleaseAll();
    }
}
