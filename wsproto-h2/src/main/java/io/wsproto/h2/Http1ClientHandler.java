package io.wsproto.h2;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.util.concurrent.ScheduledFuture;
import io.wsproto.ConnectionType;
import io.wsproto.RemoteProtocolError;
import io.wsproto.events.AcceptConnection;
import io.wsproto.events.Event;
import io.wsproto.events.RejectConnection;
import io.wsproto.events.RejectData;
import io.wsproto.events.Request;
import io.wsproto.h1.HandshakeRejectedException;
import io.wsproto.h1.WSConnection;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A client's HTTP/1.1 upgrade on a Netty connection (wsproto-h1's {@link WSConnection}), then its session.
 * A rejection fails the future with {@link HandshakeRejectedException}: the status, the headers and up to
 * {@link #MAX_REJECTION_BODY} bytes of the body.
 */
final class Http1ClientHandler extends Http1Handshaking {
    /** How much of a rejection's body is kept for the exception. */
    static final int MAX_REJECTION_BODY = 16 * 1024;

    private final Request request;
    private final WebSocketHandler handler;
    private final SessionOptions options;
    private final CompletableFuture<WebSocketSession> opened;
    private final ByteArrayOutputStream rejectionBody = new ByteArrayOutputStream();
    private RejectConnection rejection;
    private ScheduledFuture<?> handshakeTimer;

    Http1ClientHandler(Request request, WebSocketHandler handler, SessionOptions options, CompletableFuture<WebSocketSession> opened) {
        super(new WSConnection(ConnectionType.CLIENT, options.connectionLimits(), options.handshakeLimits()));
        this.request = request;
        this.handler = handler;
        this.options = options;
        this.opened = opened;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        handshakeTimer = ctx.executor().schedule(() -> {
            if (session == null) {
                opened.completeExceptionally(new TimeoutException("no handshake response within " + options.handshakeTimeout()));
                ctx.close();
            }
        }, options.handshakeTimeout().toMillis(), TimeUnit.MILLISECONDS);
        try {
            ctx.writeAndFlush(Unpooled.wrappedBuffer(ws.send(request)));
        } catch (RuntimeException e) {
            fail(ctx, e);
        }
    }

    @Override
    void onHandshakeProgress(ChannelHandlerContext ctx) {
        takeEvents(ctx);
    }

    @Override
    void onBadHandshake(ChannelHandlerContext ctx, RemoteProtocolError bad) {
        fail(ctx, bad);
    }

    private void takeEvents(ChannelHandlerContext ctx) {
        Event e;
        while (session == null && !opened.isDone() && (e = ws.nextEvent()) != null) {
            if (e instanceof AcceptConnection accepted) {
                handshakeTimer.cancel(false);
                session = new NettySession(ctx.channel(), ws.connection(), new Http1Transport(ctx.channel(), ConnectionType.CLIENT),
                        handler, options, request, accepted.subprotocol());
                opened.complete(session);
                session.open(); // frames that came with the 101 are delivered now
            } else if (e instanceof RejectConnection r) {
                rejection = r;
            } else if (e instanceof RejectData data) {
                rejectionBody.write(data.data(), 0, Math.min(data.data().length, MAX_REJECTION_BODY - rejectionBody.size()));
            } else {
                fail(ctx, new IOException("the handshake ended with " + e));
            }
        }
        if (rejection != null && !opened.isDone() && ws.state() == io.wsproto.ConnectionState.CLOSED) {
            fail(ctx, new HandshakeRejectedException(rejection.statusCode(), rejection.headers(), rejectionBody.toByteArray()));
        }
    }

    private void fail(ChannelHandlerContext ctx, Throwable why) {
        if (handshakeTimer != null) {
            handshakeTimer.cancel(false);
        }
        opened.completeExceptionally(why);
        ctx.close();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        if (handshakeTimer != null) {
            handshakeTimer.cancel(false);
        }
        if (session != null) {
            session.onTransportLost("connection closed");
            return;
        }
        ws.receiveEof(); // a rejection body read until the end of the connection ends here
        takeEvents(ctx);
        opened.completeExceptionally(new IOException("the connection closed before the handshake completed"));
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (session == null) {
            fail(ctx, cause);
        } else {
            session.onTransportFailed(cause); // onClose (1006) follows as the connection closes
            ctx.close();
        }
    }
}
