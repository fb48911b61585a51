package io.wsproto.h2;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.wsproto.CloseCode;
import io.wsproto.Connection;
import io.wsproto.ConnectionState;
import io.wsproto.events.CloseConnection;
import io.wsproto.events.Event;
import io.wsproto.events.Ping;
import io.wsproto.events.Pong;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Arrays;

/**
 * Drives a core {@link Connection} on a Netty channel: feeds it what arrives, answers pings and closes, and
 * hands the events to the {@link Delivery}. Who ends which half, and when, is the {@link CloseHandshake}'s job;
 * timers for idleness are the {@link Keepalive}'s; the public API is {@link SessionApi}'s. Event loop only.
 *
 * <p>Back-pressure: the channel does not read on its own; it reads again after each delivery, unless the
 * application paused reading, has not caught up (an executor behind, no demand), or the channel is not
 * writable (so a peer that does not read our replies stops being read too, and nothing queues without bound).
 */
final class NettySession extends SessionApi {
    private static final System.Logger LOG = System.getLogger(NettySession.class.getName());

    private final SessionOptions options;
    private final CloseHandshake halves;
    private final Keepalive keepalive;
    private final Delivery delivery;
    /** An event taken from the connection that waits for demand; everything behind it waits too. */
    private Event held;
    private boolean paused;
    private boolean closeReported;
    private SessionRegistry registry;
    private byte[] pingPayload;
    private long pingSentAt;

    NettySession(Channel channel, Connection ws, Transport transport, WebSocketHandler handler, SessionOptions options,
                 io.wsproto.events.Request request, String subprotocol) {
        super(channel, ws, transport, request, subprotocol, options);
        this.options = options;
        this.halves = new CloseHandshake(transport, channel.eventLoop(), options.closeTimeout(), this::closeTimedOut);
        this.keepalive = new Keepalive(channel.eventLoop(), options.idleTimeout(), options.pingInterval(),
                () -> ws.state() == ConnectionState.OPEN && !halves.outputEnded(), this::reading, () -> write(new Ping(new byte[0])),
                this::closeIdle);
        this.delivery = new Delivery(handler, this, channel.eventLoop(), options, this::caughtUp, this::handlerFailed);
    }

    /** Called once the handshake response is written: tells the handler and starts reading. */
    void open() {
        channel.config().setAutoRead(false);
        keepalive.start();
        registry = SessionRegistry.of(channel);
        boolean welcome = registry == null || registry.add(this);
        options.metrics().opened(this);
        delivery.opened();
        if (!welcome && ws.state() == ConnectionState.OPEN) {
            write(new CloseConnection(CloseCode.GOING_AWAY, "server shutting down"));
        }
        dispatch(); // frames that arrived with the handshake
        readMore();
    }

    // ---------------------------------------------------------------- inbound

    /** Bytes from the peer; {@code endOfInput} when the peer ended its half with them. Takes ownership of {@code data}. */
    void onData(ByteBuf data, boolean endOfInput) {
        keepalive.received();
        try {
            if (data.nioBufferCount() == 1) {
                ws.receiveData(data.internalNioBuffer(data.readerIndex(), data.readableBytes())); // no copy, no allocation
            } else {
                for (ByteBuffer nio : data.nioBuffers()) {
                    ws.receiveData(nio);
                }
            }
        } finally {
            data.release();
        }
        dispatch();
        if (endOfInput) {
            onInputEnded();
        } else {
            readMore();
        }
    }

    /** The peer ended its half (END_STREAM), possibly right behind its close frame. */
    void onInputEnded() {
        halves.peerEnded();
        if (ws.state() == ConnectionState.CLOSED) {
            halves.endOutput(); // a client that waited for the server to end its half ends its own now
            return;
        }
        ws.receiveEof(); // the peer ended without completing the close handshake: 1006
        dispatch();
        halves.abort();
    }

    /** The transport failed (an I/O or TLS error): the application hears of it before the close that follows. */
    void onTransportFailed(Throwable cause) {
        if (!closeReported) {
            delivery.error(cause);
        }
    }

    /** The stream was reset, or the connection was lost. */
    void onTransportLost(String why) {
        boolean closed = ws.state() == ConnectionState.CLOSED;
        halves.lost(why, closed);
        if (!closed) {
            ws.receiveEof();
            held = null; // nothing more will be delivered but the close
            dispatch();
        }
    }

    void onWritabilityChanged(boolean writable) {
        delivery.writabilityChanged(writable);
        if (writable) {
            readMore();
        }
    }

    @Override
    void demand(long n) {
        if (delivery.request(n)) {
            dispatch();
            readMore();
        }
    }

    private void caughtUp() {
        dispatch();
        readMore();
    }

    private void handlerFailed(RuntimeException failure) {
        LOG.log(System.Logger.Level.WARNING, "WebSocket handler failed; closing with 1011", failure);
        if (!closeReported) {
            delivery.error(failure);
        }
        if (ws.state() == ConnectionState.OPEN) {
            write(new CloseConnection(CloseCode.INTERNAL_ERROR, "internal error"));
        }
    }

    private void closeIdle() {
        LOG.log(System.Logger.Level.DEBUG, "nothing received for {0}; closing with 1001", options.idleTimeout());
        write(new CloseConnection(CloseCode.GOING_AWAY, "idle for " + options.idleTimeout().toSeconds() + " s"));
    }

    private void closeTimedOut() {
        if (ws.state() != ConnectionState.CLOSED) {
            ws.receiveEof();
            held = null;
            dispatch();
        }
    }

    private void readMore() {
        if (reading() && !halves.inputEnded() && channel.isActive() && channel.isWritable()) {
            channel.read();
        }
    }

    /** Whether the application lets the session read: not paused, nothing waiting for demand, callbacks caught up. */
    private boolean reading() {
        return !paused && held == null && delivery.wantsInput();
    }

    private void dispatch() {
        while (true) {
            Event e = held != null ? held : ws.nextEvent();
            if (e == null) {
                return;
            }
            if (!delivery.accepts(e)) {
                held = e;
                return;
            }
            held = null;
            if (e instanceof Ping ping) {
                // RFC 6455 §5.5.2: answered unless the peer's close came first, also while our own close awaits its
                // reply; only a half we have already ended (a server's close over HTTP/2) cannot carry the pong.
                if (options.autoPong() && !halves.outputEnded() && ws.state() != ConnectionState.CLOSED) {
                    write(ping.response());
                }
            } else if (e instanceof Pong pong) {
                timePong(pong);
            }
            if (e instanceof CloseConnection close) {
                onClose(close);
            } else {
                delivery.deliver(e);
            }
        }
    }

    private void onClose(CloseConnection close) {
        boolean peerStarted = ws.state() == ConnectionState.REMOTE_CLOSING;
        if (peerStarted) {
            write(close.response()); // the peer's close, or its violation: reply, ending our half with it
        } else if (close.origin() == CloseConnection.Origin.TRANSPORT) {
            halves.abort();
        } else {
            halves.closeAnswered();
        }
        keepalive.stop();
        if (registry != null) {
            registry.remove(this);
        }
        if (!closeReported) {
            closeReported = true;
            CloseConnection.Origin origin = close.origin() == CloseConnection.Origin.PEER && !peerStarted
                    ? CloseConnection.Origin.APPLICATION : close.origin();
            options.metrics().closed(this, close.code(), origin);
            delivery.deliver(close);
            delivery.closed(close.code(), close.reason());
        }
        halves.awaitPeer(); // the peer ends its half in turn, or the stream is reset
    }

    private void timePong(Pong pong) {
        if (pingPayload != null && Arrays.equals(pingPayload, pong.payload())) {
            options.metrics().pingRoundTrip(this, Duration.ofNanos(System.nanoTime() - pingSentAt));
            pingPayload = null;
        }
    }

    // ---------------------------------------------------------------- outbound

    @Override
    ChannelFuture write(Event event) {
        ByteBuffer bytes = ws.send(event);
        if (event instanceof Ping ping) {
            pingPayload = ping.payload();
            pingSentAt = System.nanoTime();
        }
        return halves.write(bytes, ws.state());
    }

    @Override
    void pause(boolean value) {
        paused = value;
        if (!value) {
            readMore();
        }
    }
}
