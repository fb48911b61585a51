package io.wsproto.h2;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.util.ReferenceCountUtil;
import io.wsproto.ConnectionType;
import io.wsproto.RemoteProtocolError;
import io.wsproto.events.AcceptConnection;
import io.wsproto.events.Event;
import io.wsproto.events.Header;
import io.wsproto.events.RejectConnection;
import io.wsproto.events.RejectData;
import io.wsproto.events.Request;
import io.wsproto.h1.HandshakeLimits;
import io.wsproto.h1.HttpHead;
import io.wsproto.h1.HttpHeadParser;
import io.wsproto.h1.HttpParseException;
import io.wsproto.h1.ReasonPhrase;
import io.wsproto.h1.WSConnection;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The HTTP/1.1 WebSocket handshake (wsproto-h1's {@link WSConnection}) on a Netty connection, then the
 * session: for a TLS port whose client chose {@code http/1.1} by ALPN, and for a plaintext port whose
 * client did not open with the HTTP/2 preface.
 */
final class Http1WebSocketHandler extends ChannelInboundHandlerAdapter {
    private static final System.Logger LOG = System.getLogger(Http1WebSocketHandler.class.getName());
    private final WebSocketRoutes routes;
    private final SessionOptions options;
    private final HttpResponder responder;
    private final WSConnection ws;
    /** Reads the first request head to tell a WebSocket upgrade from an ordinary request; null once told. */
    private HttpHeadParser firstHead = new HttpHeadParser(HandshakeLimits.DEFAULT);
    /** The bytes read while telling, replayed into the handshake. */
    private ByteBuf told;
    private NettySession session;

    Http1WebSocketHandler(WebSocketRoutes routes, SessionOptions options, HttpResponder responder) {
        this.routes = routes;
        this.options = options;
        this.responder = responder;
        this.ws = new WSConnection(ConnectionType.SERVER, options.limits());
    }

    private io.netty.util.concurrent.ScheduledFuture<?> handshakeTimer;

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        // Until the WebSocket opens (or the request is answered), the connection is on the clock.
        handshakeTimer = ctx.executor().schedule(() -> {
            if (session == null && ctx.channel().isActive()) {
                LOG.log(System.Logger.Level.DEBUG, "no complete WebSocket request within {0}; closing", options.handshakeTimeout());
                ctx.close();
            }
        }, options.handshakeTimeout().toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (!(msg instanceof ByteBuf bytes)) {
            ReferenceCountUtil.release(msg);
            return;
        }
        if (session != null) {
            session.onData(bytes, false);
            return;
        }
        if (firstHead != null) {
            bytes = tellRequestKind(ctx, bytes);
            if (bytes == null) {
                return;
            }
        }
        try {
            for (ByteBuffer nio : bytes.nioBuffers()) {
                ws.receiveData(nio);
            }
        } catch (RemoteProtocolError bad) {
            for (Event reply : bad.response()) {
                ctx.write(Unpooled.wrappedBuffer(ws.send(reply)));
            }
            ctx.writeAndFlush(Unpooled.EMPTY_BUFFER).addListener(ChannelFutureListener.CLOSE);
            return;
        } finally {
            bytes.release();
        }
        Event e = ws.nextEvent();
        if (e instanceof Request request) {
            answer(ctx, request);
        }
    }

    /**
     * Collects bytes until the first request head is complete. An ordinary request is answered by the
     * responder and the connection closed; a WebSocket upgrade continues with all bytes so far. Returns
     * those bytes, or null when the request was answered or more bytes are needed.
     */
    private ByteBuf tellRequestKind(ChannelHandlerContext ctx, ByteBuf bytes) {
        if (told == null) {
            told = ctx.alloc().buffer(bytes.readableBytes());
        }
        told.writeBytes(bytes);
        bytes.release();
        HttpHead head;
        try {
            head = firstHead.feed(told.nioBuffer());
        } catch (HttpParseException e) {
            head = null; // the handshake reports it, with its status and reason
            firstHead = null;
        }
        if (head == null && firstHead != null) {
            ctx.read();
            return null;
        }
        firstHead = null;
        ByteBuf all = told;
        told = null;
        if (head != null && !head.isWebSocketUpgrade()) {
            all.release();
            HttpResponder.Response r = responder.respond(head.method(), head.target(), head.headers());
            String status = "HTTP/1.1 " + r.status() + " " + ReasonPhrase.of(r.status()) + "\r\n"
                    + "Content-Type: " + r.contentType() + "\r\nContent-Length: " + r.body().length + "\r\nConnection: close\r\n\r\n";
            ctx.write(Unpooled.copiedBuffer(status, StandardCharsets.ISO_8859_1));
            ctx.writeAndFlush(head.method().equals("HEAD") ? Unpooled.EMPTY_BUFFER : Unpooled.wrappedBuffer(r.body()))
                    .addListener(ChannelFutureListener.CLOSE);
            return null;
        }
        return all;
    }

    private void answer(ChannelHandlerContext ctx, Request request) {
        WebSocketRoutes.Route route = routes.find(request.target());
        Event answer;
        ByteBuf accepted = null;
        try {
            answer = route != null ? route.decide().apply(request)
                    : new RejectConnection(404, List.of(new Header("Content-Type", "text/plain; charset=utf-8")), true);
            if (answer instanceof AcceptConnection accept) {
                accepted = Unpooled.wrappedBuffer(ws.send(accept));
            }
        } catch (RuntimeException failure) {
            LOG.log(System.Logger.Level.WARNING, "the accept decision for " + request.target() + " failed", failure);
            ctx.write(Unpooled.wrappedBuffer(ws.send(new RejectConnection(500, List.of(), true))));
            ctx.write(Unpooled.wrappedBuffer(ws.send(new RejectData(
                    "the server could not decide on this WebSocket request\n".getBytes(StandardCharsets.UTF_8), true))));
            ctx.writeAndFlush(Unpooled.EMPTY_BUFFER).addListener(ChannelFutureListener.CLOSE);
            return;
        }
        if (answer instanceof RejectConnection rejection) {
            ctx.write(Unpooled.wrappedBuffer(ws.send(rejection)));
            if (rejection.hasBody()) {
                byte[] body = route == null ? ("no WebSocket at " + request.target() + "\n").getBytes(StandardCharsets.UTF_8) : new byte[0];
                ctx.write(Unpooled.wrappedBuffer(ws.send(new RejectData(body, true))));
            }
            ctx.writeAndFlush(Unpooled.EMPTY_BUFFER).addListener(ChannelFutureListener.CLOSE);
            return;
        }
        AcceptConnection accept = (AcceptConnection) answer;
        ctx.writeAndFlush(accepted);
        session = new NettySession(ctx.channel(), ws.connection(), new Http1Transport(ctx.channel()),
                route.handlers().get(), options, request, accept.subprotocol());
        handshakeTimer.cancel(false);
        session.open();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        handshakeTimer.cancel(false);
        if (told != null) {
            told.release();
            told = null;
        }
        if (session != null) {
            session.onTransportLost("connection closed");
        }
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) {
        if (session != null) {
            session.onWritabilityChanged(ctx.channel().isWritable());
        }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        ctx.close();
    }
}
