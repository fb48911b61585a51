package io.wsproto.h2;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http2.DefaultHttp2DataFrame;
import io.netty.handler.codec.http2.DefaultHttp2HeadersFrame;
import io.netty.handler.codec.http2.DefaultHttp2ResetFrame;
import io.netty.handler.codec.http2.Http2Error;
import io.netty.handler.codec.http2.Http2HeadersFrame;
import io.netty.util.ReferenceCountUtil;
import io.wsproto.Connection;
import io.wsproto.ConnectionType;
import io.wsproto.RemoteProtocolError;
import io.wsproto.events.Header;
import io.wsproto.events.RejectConnection;
import io.wsproto.events.RejectData;
import io.wsproto.events.Request;
import java.util.List;

/**
 * The first handler of every HTTP/2 stream on a server: an extended CONNECT with {@code :protocol
 * websocket} is answered by the {@link WebSocketAcceptor} and, when accepted, becomes a WebSocket on this
 * stream; any other request is handed, with its HEADERS frame, to the handler for ordinary streams.
 */
final class Http2StreamDispatcher extends ChannelInboundHandlerAdapter {
    private final WebSocketAcceptor acceptor;
    private final ChannelHandler otherStreams;
    /** Whether this connection announced SETTINGS_ENABLE_CONNECT_PROTOCOL. */
    private final boolean webSockets;

    Http2StreamDispatcher(WebSocketAcceptor acceptor, ChannelHandler otherStreams, boolean webSockets) {
        this.acceptor = acceptor;
        this.otherStreams = otherStreams;
        this.webSockets = webSockets;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (!(msg instanceof Http2HeadersFrame frame)) {
            ReferenceCountUtil.release(msg); // nothing may precede the request headers
            return;
        }
        List<Header> headers = NettyHeaders.toList(frame.headers());
        if (!ExtendedConnect.isWebSocketRequest(headers)) {
            ctx.pipeline().addAfter(ctx.name(), null, otherStreams);
            ctx.pipeline().remove(this);
            ctx.fireChannelRead(msg);
            return;
        }
        if (!webSockets) {
            // RFC 8441 §3: a client may send :protocol only after the server's SETTINGS_ENABLE_CONNECT_PROTOCOL.
            ctx.writeAndFlush(new DefaultHttp2ResetFrame(Http2Error.PROTOCOL_ERROR));
            return;
        }
        Request request;
        try {
            request = ExtendedConnect.readRequest(headers, frame.isEndStream());
        } catch (RemoteProtocolError bad) {
            List<?> response = bad.response();
            RejectConnection rejection = (RejectConnection) response.get(0);
            acceptor.rejected(frame.headers().path() == null ? "(malformed)" : frame.headers().path().toString(), rejection.statusCode(), true);
            reject(ctx, rejection, response.size() > 1 ? ((RejectData) response.get(1)).data() : new byte[0]);
            return;
        }
        acceptor.answer(HandshakeContext.of(ctx.channel().parent(), request, true), accept -> ExtendedConnect.acceptHeaders(request, accept),
                ctx.executor(), answer -> {
                    if (ctx.channel().isActive()) {
                        render(ctx, request, answer);
                    }
                });
    }

    private void render(ChannelHandlerContext ctx, Request request, WebSocketAcceptor.Answer<ExtendedConnect.Acceptance> answer) {
        if (answer instanceof WebSocketAcceptor.Reject<ExtendedConnect.Acceptance> r) {
            reject(ctx, r.rejection(), r.body());
            return;
        }
        WebSocketAcceptor.Accept<ExtendedConnect.Acceptance> a = (WebSocketAcceptor.Accept<ExtendedConnect.Acceptance>) answer;
        ctx.writeAndFlush(new DefaultHttp2HeadersFrame(NettyHeaders.toNetty(a.response().headers()), false));
        Connection connection = new Connection(ConnectionType.SERVER, a.response().extensions(), acceptor.options().connectionLimits());
        NettySession session = acceptor.session(ctx.channel(), connection,
                new Http2StreamTransport(ctx.channel(), ConnectionType.SERVER), request, a);
        ctx.pipeline().replace(this, "websocket", new Http2SessionHandler(session));
        session.open();
    }

    /** Writes a rejection: the status and headers, then the body ending the stream. */
    private static void reject(ChannelHandlerContext ctx, RejectConnection rejection, byte[] body) {
        boolean hasBody = rejection.hasBody() && body.length > 0;
        ctx.write(new DefaultHttp2HeadersFrame(NettyHeaders.toNetty(ExtendedConnect.rejectHeaders(rejection)), !hasBody));
        if (hasBody) {
            ctx.write(new DefaultHttp2DataFrame(Unpooled.wrappedBuffer(body), true));
        }
        ctx.flush();
    }
}
