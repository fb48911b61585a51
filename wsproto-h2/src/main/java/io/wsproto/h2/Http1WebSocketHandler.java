package io.wsproto.h2;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.util.concurrent.ScheduledFuture;
import io.wsproto.ConnectionState;
import io.wsproto.ConnectionType;
import io.wsproto.RemoteProtocolError;
import io.wsproto.events.Event;
import io.wsproto.events.Header;
import io.wsproto.events.RejectConnection;
import io.wsproto.events.RejectData;
import io.wsproto.events.Request;
import io.wsproto.h1.OrdinaryRequest;
import io.wsproto.h1.WSConnection;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The HTTP/1.1 WebSocket handshake (wsproto-h1's {@link WSConnection}, which parses the head once within the
 * options' {@code handshakeLimits}) on a Netty connection, then the session: for a TLS port whose client
 * chose {@code http/1.1} by ALPN, and for a plaintext port whose client did not open with the HTTP/2
 * preface. The answer comes from the {@link WebSocketAcceptor}; an ordinary request gets the responder's
 * answer, and the connection closes after it.
 */
final class Http1WebSocketHandler extends Http1Handshaking {
    private static final System.Logger LOG = System.getLogger(Http1WebSocketHandler.class.getName());
    private final WebSocketAcceptor acceptor;
    private ScheduledFuture<?> handshakeTimer;

    Http1WebSocketHandler(WebSocketAcceptor acceptor) {
        super(new WSConnection(ConnectionType.SERVER, acceptor.options().connectionLimits(), acceptor.options().handshakeLimits()));
        this.acceptor = acceptor;
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        // Until the WebSocket opens (or the request is answered), the connection is on the clock.
        SessionOptions options = acceptor.options();
        handshakeTimer = ctx.executor().schedule(() -> {
            if (session == null && ctx.channel().isActive()) {
                LOG.log(System.Logger.Level.DEBUG, "no complete WebSocket request within {0}; closing", options.handshakeTimeout());
                ctx.close();
            }
        }, options.handshakeTimeout().toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    void onBadHandshake(ChannelHandlerContext ctx, RemoteProtocolError bad) {
        OrdinaryRequest ordinary = ws.ordinaryRequest();
        if (ordinary == null && !bad.response().isEmpty() && bad.response().get(0) instanceof RejectConnection r) {
            acceptor.rejected("(malformed)", r.statusCode(), false);
        }
        respondAndClose(ctx, ordinary != null ? ordinaryResponse(ordinary) : bad.response());
    }

    @Override
    void onHandshakeProgress(ChannelHandlerContext ctx) {
        Event e = ws.nextEvent();
        if (e instanceof Request request) {
            answer(ctx, request);
        } else {
            ctx.read(); // the head is not complete yet
        }
    }

    private void answer(ChannelHandlerContext ctx, Request request) {
        handshakeTimer.cancel(false); // the head is complete: the decision has its own timeout
        acceptor.answer(HandshakeContext.of(ctx.channel(), request, false), ws::send, ctx.executor(), answer -> {
            if (ctx.channel().isActive()) {
                render(ctx, request, answer);
            }
        });
    }

    private void render(ChannelHandlerContext ctx, Request request, WebSocketAcceptor.Answer<ByteBuffer> answer) {
        if (answer instanceof WebSocketAcceptor.Reject<ByteBuffer> r) {
            respondAndClose(ctx, List.of(r.rejection(), new RejectData(r.body(), true)));
            return;
        }
        WebSocketAcceptor.Accept<ByteBuffer> a = (WebSocketAcceptor.Accept<ByteBuffer>) answer;
        ctx.writeAndFlush(Unpooled.wrappedBuffer(a.response()));
        session = acceptor.session(ctx.channel(), ws.connection(), new Http1Transport(ctx.channel(), ConnectionType.SERVER), request, a);
        session.open();
    }

    /** The responder's answer to an ordinary request, as a rejection the handshake can write (with Connection: close). */
    private List<Event> ordinaryResponse(OrdinaryRequest request) {
        HttpResponder.Response r = acceptor.respond(request.method(), request.target(), request.headers());
        List<Header> headers = new ArrayList<>(List.of(new Header("Content-Type", r.contentType())));
        if (request.method().equals("HEAD")) {
            return List.of(new RejectConnection(r.status(), headers, false));
        }
        headers.add(new Header("Content-Length", Integer.toString(r.body().length)));
        return List.of(new RejectConnection(r.status(), headers, true), new RejectData(r.body(), true));
    }

    /** Writes a rejection (or a bad request's answer) and closes the connection after it. */
    private void respondAndClose(ChannelHandlerContext ctx, List<Event> response) {
        for (Event reply : response) {
            if (!(reply instanceof RejectData) || ws.state() == ConnectionState.REJECTING) { // no body after a bodiless rejection
                ctx.write(Unpooled.wrappedBuffer(ws.send(reply)));
            }
        }
        ctx.writeAndFlush(Unpooled.EMPTY_BUFFER).addListener(ChannelFutureListener.CLOSE);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        handshakeTimer.cancel(false);
        if (session != null) {
            session.onTransportLost("connection closed");
        }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        LOG.log(System.Logger.Level.DEBUG, "HTTP/1.1 WebSocket connection failed: {0}", cause.toString());
        if (session != null) {
            session.onTransportFailed(cause); // onClose (1006) follows as the connection closes
        }
        ctx.close();
    }
}
