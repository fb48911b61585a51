package io.wsproto.h2;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http2.DefaultHttp2DataFrame;
import io.netty.handler.codec.http2.DefaultHttp2HeadersFrame;
import io.netty.handler.codec.http2.Http2HeadersFrame;
import io.netty.util.ReferenceCountUtil;
import io.wsproto.ConnectionType;
import io.wsproto.Connection;
import io.wsproto.RemoteProtocolError;
import io.wsproto.events.AcceptConnection;
import io.wsproto.events.Event;
import io.wsproto.events.Header;
import io.wsproto.events.RejectConnection;
import io.wsproto.events.RejectData;
import io.wsproto.events.Request;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The first handler of every HTTP/2 stream on a server: an extended CONNECT with {@code :protocol
 * websocket} for a registered path becomes a WebSocket on this stream; any other request is handed, with
 * its HEADERS frame, to the application's own handler for ordinary streams.
 */
final class Http2StreamDispatcher extends ChannelInboundHandlerAdapter {
    private static final System.Logger LOG = System.getLogger(Http2StreamDispatcher.class.getName());
    private final WebSocketRoutes routes;
    private final ChannelHandler otherStreams;
    private final SessionOptions options;

    Http2StreamDispatcher(WebSocketRoutes routes, ChannelHandler otherStreams, SessionOptions options) {
        this.routes = routes;
        this.otherStreams = otherStreams;
        this.options = options;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (!(msg instanceof Http2HeadersFrame frame)) {
            ReferenceCountUtil.release(msg); // nothing may precede the request headers
            return;
        }
        List<Header> headers = NettyHeaders.toList(frame.headers());
        if (!ExtendedConnect.isWebSocketRequest(headers)) {
            if (otherStreams != null) {
                ctx.pipeline().addAfter(ctx.name(), null, otherStreams);
                ctx.pipeline().remove(this);
                ctx.fireChannelRead(msg);
            } else {
                respond(ctx, 404, "no handler for this request\n");
            }
            return;
        }
        Request request;
        try {
            request = ExtendedConnect.readRequest(headers, frame.isEndStream());
        } catch (RemoteProtocolError bad) {
            reject(ctx, bad.response());
            return;
        }
        WebSocketRoutes.Route route = routes.find(request.target());
        if (route == null) {
            respond(ctx, 404, "no WebSocket at " + request.target() + "\n");
            return;
        }
        Event answer;
        ExtendedConnect.Acceptance acceptance;
        try {
            answer = route.decide().apply(request);
            if (answer instanceof RejectConnection rejection) {
                reject(ctx, List.of(rejection, new RejectData(new byte[0], true)));
                return;
            }
            acceptance = ExtendedConnect.acceptHeaders(request, (AcceptConnection) answer);
        } catch (RuntimeException failure) {
            LOG.log(System.Logger.Level.WARNING, "the accept decision for " + request.target() + " failed", failure);
            respond(ctx, 500, "the server could not decide on this WebSocket request\n");
            return;
        }
        AcceptConnection accept = (AcceptConnection) answer;
        ctx.writeAndFlush(new DefaultHttp2HeadersFrame(NettyHeaders.toNetty(acceptance.headers()), false));
        Connection connection = new Connection(ConnectionType.SERVER, acceptance.extensions(), options.limits());
        NettySession session = new NettySession(ctx.channel(), connection, new Http2StreamTransport(ctx.channel()),
                route.handlers().get(), options, request, accept.subprotocol());
        ctx.pipeline().replace(this, "websocket", new Http2SessionHandler(session));
        session.open();
    }

    private static void respond(ChannelHandlerContext ctx, int status, String body) {
        reject(ctx, List.of(new RejectConnection(status, List.of(new Header("content-type", "text/plain; charset=utf-8")), true),
                new RejectData(body.getBytes(StandardCharsets.UTF_8), true)));
    }

    /** Writes a rejection: the status and headers, then the body ending the stream. */
    private static void reject(ChannelHandlerContext ctx, List<Event> response) {
        RejectConnection rejection = (RejectConnection) response.get(0);
        byte[] body = response.size() > 1 ? ((RejectData) response.get(1)).data() : new byte[0];
        boolean hasBody = rejection.hasBody() && body.length > 0;
        ctx.write(new DefaultHttp2HeadersFrame(NettyHeaders.toNetty(ExtendedConnect.rejectHeaders(rejection)), !hasBody));
        if (hasBody) {
            ctx.write(new DefaultHttp2DataFrame(Unpooled.wrappedBuffer(body), true));
        }
        ctx.flush();
    }
}
