package io.wsproto.h2;

import io.netty.handler.codec.http2.DefaultHttp2Connection;
import io.netty.handler.codec.http2.DefaultHttp2ConnectionDecoder;
import io.netty.handler.codec.http2.DefaultHttp2ConnectionEncoder;
import io.netty.handler.codec.http2.DefaultHttp2FrameReader;
import io.netty.handler.codec.http2.DefaultHttp2FrameWriter;
import io.netty.handler.codec.http2.Http2Connection;
import io.netty.handler.codec.http2.Http2ConnectionEncoder;
import io.netty.handler.codec.http2.Http2FrameCodec;
import io.netty.handler.codec.http2.Http2FrameCodecBuilder;
import io.netty.handler.codec.http2.Http2FrameLogger;
import io.netty.handler.codec.http2.Http2FrameReader;
import io.netty.handler.codec.http2.Http2FrameWriter;
import io.netty.handler.codec.http2.Http2InboundFrameLogger;
import io.netty.handler.codec.http2.Http2OutboundFrameLogger;
import io.netty.handler.codec.http2.Http2Settings;
import io.netty.handler.logging.LogLevel;

/** Netty's client frame codec, reading through {@link ConnectResponseReader}; Netty's decoder limits still apply. */
final class ClientFrameCodecBuilder extends Http2FrameCodecBuilder {
    /** The client role comes from the connection given to {@code codec}, not from {@code server(false)}. */
    ClientFrameCodecBuilder(Http2Settings settings) {
        initialSettings(settings);
        // Closing the client is the application's decision: open WebSockets end (1006) without a 30 s wait.
        gracefulShutdownTimeoutMillis(0);
    }

    @Override
    public Http2FrameCodec build() {
        Http2Connection connection = new DefaultHttp2Connection(false);
        Http2FrameReader reader = new ConnectResponseReader(new DefaultHttp2FrameReader(true));
        Http2FrameWriter writer = new DefaultHttp2FrameWriter();
        if (Http2WebSocketPipeline.TRACE_FRAMES) {
            Http2FrameLogger logger = new Http2FrameLogger(LogLevel.INFO, Http2WebSocketClient.class);
            reader = new Http2InboundFrameLogger(reader, logger);
            writer = new Http2OutboundFrameLogger(writer, logger);
        }
        Http2ConnectionEncoder encoder = new DefaultHttp2ConnectionEncoder(connection, writer);
        codec(new DefaultHttp2ConnectionDecoder(connection, encoder, reader), encoder);
        return super.build();
    }
}
