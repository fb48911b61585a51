package io.wsproto.h2;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http2.DefaultHttp2DataFrame;
import io.netty.handler.codec.http2.DefaultHttp2Headers;
import io.netty.handler.codec.http2.DefaultHttp2HeadersFrame;
import io.netty.handler.codec.http2.Http2Headers;
import io.netty.handler.codec.http2.Http2HeadersFrame;
import io.netty.util.ReferenceCountUtil;
import io.wsproto.events.Header;
import java.util.List;

/** An ordinary HTTP/2 request stream, answered by the {@link WebSocketAcceptor}'s responder; request bodies are ignored. */
@ChannelHandler.Sharable
final class Http2ResponderHandler extends ChannelInboundHandlerAdapter {
    private final WebSocketAcceptor acceptor;

    Http2ResponderHandler(WebSocketAcceptor acceptor) {
        this.acceptor = acceptor;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        try {
            if (msg instanceof Http2HeadersFrame request) {
                List<Header> headers = NettyHeaders.toList(request.headers());
                String method = ExtendedConnect.value(headers, ExtendedConnect.METHOD);
                String path = ExtendedConnect.value(headers, ExtendedConnect.PATH);
                HttpResponder.Response r = acceptor.respond(method, path == null ? "" : path, headers);
                Http2Headers response = new DefaultHttp2Headers().status(Integer.toString(r.status()))
                        .set("content-type", r.contentType()).setInt("content-length", r.body().length);
                boolean head = "HEAD".equals(method);
                ctx.write(new DefaultHttp2HeadersFrame(response, head || r.body().length == 0));
                if (!head && r.body().length > 0) {
                    ctx.write(new DefaultHttp2DataFrame(Unpooled.wrappedBuffer(r.body()), true));
                }
                ctx.flush();
            }
        } finally {
            ReferenceCountUtil.release(msg);
        }
    }
}
