package io.wsproto.h2;

import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.http2.Http2FrameCodec;
import io.netty.handler.codec.http2.Http2FrameCodecBuilder;
import io.netty.handler.codec.http2.Http2FrameLogger;
import io.netty.handler.logging.LogLevel;
import io.netty.handler.codec.http2.Http2MultiplexHandler;
import io.netty.handler.codec.http2.Http2Settings;
import io.netty.handler.flush.FlushConsolidationHandler;

/**
 * The pieces of a Netty HTTP/2 server pipeline ({@code Http2FrameCodec} + {@code Http2MultiplexHandler})
 * that serve RFC 8441: SETTINGS_ENABLE_CONNECT_PROTOCOL = 1, and a stream initializer that turns extended
 * CONNECT streams on registered paths into WebSockets while every other stream goes to the application's
 * own handler. {@link WebSocketServer} builds its pipelines with {@link #configure}; an HTTP/2 server of
 * your own adds the same pieces.
 *
 * <pre>{@code
 * WebSocketRoutes routes = new WebSocketRoutes().add("/echo", request -> new AcceptConnection(), EchoHandler::new);
 * pipeline.addLast(Http2FrameCodecBuilder.forServer().initialSettings(Http2WebSocketPipeline.settings()).build(),
 *                  new Http2MultiplexHandler(Http2WebSocketPipeline.streamInitializer(routes, myGetHandler, SessionOptions.DEFAULT)));
 * }</pre>
 */
public final class Http2WebSocketPipeline {
    /** The stream window we advertise: large enough for 1 MiB messages without a round trip per 64 KiB. */
    public static final int INITIAL_WINDOW_SIZE = 1 << 20;
    /** With the system property {@code wsproto.h2.trace=true}, every HTTP/2 frame is logged at INFO. */
    static final boolean TRACE_FRAMES = Boolean.getBoolean("wsproto.h2.trace");
    /** How many streams (WebSockets and requests) a peer may open at once on one connection. */
    public static final int MAX_CONCURRENT_STREAMS = 1000;

    /**
     * Flushes within one read are joined into one write (and one TLS record), up to this many: the replies
     * to the frames of many streams that arrived together leave together. Outside a read, a flush waits
     * for the tasks already queued on the event loop, so the sends of one burst also leave together.
     */
    private static final int FLUSHES_PER_WRITE = 64;

    private Http2WebSocketPipeline() {
    }

    /** The handler that joins a connection's flushes into writes; first in the pipeline after TLS. */
    static ChannelHandler flushConsolidation() {
        return new FlushConsolidationHandler(FLUSHES_PER_WRITE, true);
    }

    /** Server settings with SETTINGS_ENABLE_CONNECT_PROTOCOL = 1 (RFC 8441 §3). */
    public static Http2Settings settings() {
        return new Http2Settings()
                .connectProtocolEnabled(true)
                .initialWindowSize(INITIAL_WINDOW_SIZE)
                .maxConcurrentStreams(MAX_CONCURRENT_STREAMS);
    }

    /**
     * The child handler for {@code Http2MultiplexHandler}.
     *
     * @param otherStreams a sharable handler (a {@link ChannelInitializer}, say) for streams that are not
     *     WebSocket requests; null answers them 404
     */
    public static ChannelHandler streamInitializer(WebSocketRoutes routes, ChannelHandler otherStreams, SessionOptions options) {
        WebSocketAcceptor acceptor = new WebSocketAcceptor(routes, HttpResponder.NOT_FOUND, options);
        return streamInitializer(acceptor, otherStreams != null ? otherStreams : new Http2ResponderHandler(acceptor), true);
    }

    /** Adds the HTTP/2 codec and multiplexer for WebSockets and other streams to a connection's pipeline. */
    public static void configure(ChannelPipeline pipeline, WebSocketRoutes routes, ChannelHandler otherStreams, SessionOptions options) {
        WebSocketAcceptor acceptor = new WebSocketAcceptor(routes, HttpResponder.NOT_FOUND, options);
        configure(pipeline, acceptor, otherStreams != null ? otherStreams : new Http2ResponderHandler(acceptor), settings());
    }

    /** @param otherStreams the sharable handler for streams that are not WebSocket requests (never null here) */
    private static ChannelHandler streamInitializer(WebSocketAcceptor acceptor, ChannelHandler otherStreams, boolean webSockets) {
        return new ChannelInitializer<Channel>() {
            @Override
            protected void initChannel(Channel stream) {
                stream.pipeline().addLast(new Http2StreamDispatcher(acceptor, otherStreams, webSockets));
            }
        };
    }

    /**
     * With these settings; without SETTINGS_ENABLE_CONNECT_PROTOCOL the connection carries no WebSockets.
     * {@code otherStreams} is the sharable handler for other streams, made once per server, not per connection.
     */
    static void configure(ChannelPipeline pipeline, WebSocketAcceptor acceptor, ChannelHandler otherStreams, Http2Settings settings) {
        boolean webSockets = Boolean.TRUE.equals(settings.connectProtocolEnabled());
        Http2FrameCodecBuilder codec = Http2FrameCodecBuilder.forServer().initialSettings(settings);
        if (TRACE_FRAMES) {
            codec.frameLogger(new Http2FrameLogger(LogLevel.INFO, Http2WebSocketPipeline.class));
        }
        Http2FrameCodec built = codec.build();
        pipeline.addLast(built, new Http2MultiplexHandler(streamInitializer(acceptor, otherStreams, webSockets)), ConnectionErrors.INSTANCE);
        pipeline.addLast(new ConnectionWindow(built));
    }
}
