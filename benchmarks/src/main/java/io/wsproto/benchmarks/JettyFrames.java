package io.wsproto.benchmarks;

import java.nio.ByteBuffer;
import org.eclipse.jetty.util.Utf8StringBuilder;
import org.eclipse.jetty.websocket.core.Frame;
import org.eclipse.jetty.websocket.core.internal.Parser;
import org.openjdk.jmh.infra.Blackhole;

/** Jetty 12's side of the decode benchmarks: parse what a buffer holds, demask, check text, hand each frame on. */
final class JettyFrames {
    private final Parser parser;
    private final Utf8StringBuilder utf8 = new Utf8StringBuilder();

    JettyFrames(Parser parser) {
        this.parser = parser;
    }

    void decode(ByteBuffer buffer, boolean text, Blackhole bh) {
        while (buffer.hasRemaining()) {
            Frame.Parsed f = parser.parse(buffer);
            if (f == null) {
                break; // the rest of the frame is in a later buffer
            }
            f.demask();
            if (text) {
                utf8.reset();
                utf8.append(f.getPayload());
                bh.consume(utf8.toCompleteString());
            } else {
                bh.consume(f.getPayload());
            }
            f.close();
        }
    }
}
