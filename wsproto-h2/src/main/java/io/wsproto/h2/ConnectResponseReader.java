package io.wsproto.h2;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http2.Http2Exception;
import io.netty.handler.codec.http2.Http2FrameListener;
import io.netty.handler.codec.http2.Http2FrameListenerDecorator;
import io.netty.handler.codec.http2.Http2FrameReader;
import io.netty.handler.codec.http2.Http2Headers;

/**
 * The frame reader of our client's HTTP/2 connections, where every stream is an extended CONNECT. A 2xx
 * response to CONNECT has no content (RFC 9110 §9.3.6 forbids Content-Length on it), yet some servers
 * (Jetty 12) send {@code content-length: 0}; Netty would then treat the WebSocket's DATA as overrunning
 * the declared length and drop it. So the field is removed from 2xx responses before Netty sees it.
 */
final class ConnectResponseReader implements Http2FrameReader {
    private static final System.Logger LOG = System.getLogger(ConnectResponseReader.class.getName());
    private final Http2FrameReader delegate;
    private Http2FrameListener wrappedListener;
    private Http2FrameListener wrapper;

    ConnectResponseReader(Http2FrameReader delegate) {
        this.delegate = delegate;
    }

    @Override
    public void readFrame(ChannelHandlerContext ctx, ByteBuf input, Http2FrameListener listener) throws Http2Exception {
        if (listener != wrappedListener) {
            wrappedListener = listener;
            wrapper = new Http2FrameListenerDecorator(listener) {
                @Override
                public void onHeadersRead(ChannelHandlerContext c, int streamId, Http2Headers headers, int padding,
                                          boolean endStream) throws Http2Exception {
                    super.onHeadersRead(c, streamId, withoutContentLength(headers), padding, endStream);
                }

                @Override
                public void onHeadersRead(ChannelHandlerContext c, int streamId, Http2Headers headers, int streamDependency,
                                          short weight, boolean exclusive, int padding, boolean endStream) throws Http2Exception {
                    super.onHeadersRead(c, streamId, withoutContentLength(headers), streamDependency, weight, exclusive, padding, endStream);
                }
            };
        }
        delegate.readFrame(ctx, input, wrapper);
    }

    private static Http2Headers withoutContentLength(Http2Headers headers) {
        CharSequence status = headers.status();
        if (status != null && status.length() == 3 && status.charAt(0) == '2' && headers.remove(HttpHeaderNames.CONTENT_LENGTH)) {
            LOG.log(System.Logger.Level.DEBUG, "ignored content-length on a 2xx response to CONNECT (RFC 9110 §9.3.6)");
        }
        return headers;
    }

    @Override
    public Configuration configuration() {
        return delegate.configuration();
    }

    @Override
    public void close() {
        delegate.close();
    }
}
