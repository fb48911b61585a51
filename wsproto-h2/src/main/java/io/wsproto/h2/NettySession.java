package io.wsproto.h2;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.util.concurrent.ScheduledFuture;
import io.wsproto.CloseCode;
import io.wsproto.Connection;
import io.wsproto.ConnectionState;
import io.wsproto.ConnectionType;
import io.wsproto.MessageAssembler;
import io.wsproto.ProtocolError;
import io.wsproto.events.BytesMessage;
import io.wsproto.events.CloseConnection;
import io.wsproto.events.Event;
import io.wsproto.events.Message;
import io.wsproto.events.Ping;
import io.wsproto.events.Request;
import io.wsproto.events.TextMessage;
import io.wsproto.extensions.Extension;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Runs a core {@link Connection} on a Netty channel: feeds it what arrives, hands its events to the
 * {@link WebSocketHandler}, answers pings and closes, and ends the transport as the close handshake
 * requires. Everything but the public methods runs on the channel's event loop.
 *
 * <p>Back-pressure: the channel does not read on its own; it reads again after each delivery, unless the
 * application paused reading or the channel is not writable (so a peer that does not read our replies
 * stops being read too, and nothing queues without bound).
 */
final class NettySession implements WebSocketSession {
    private static final System.Logger LOG = System.getLogger(NettySession.class.getName());

    private final Channel channel;
    private final Connection ws;
    private final Transport transport;
    private final WebSocketHandler handler;
    private final SessionOptions options;
    private final Request request;
    private final String subprotocol;
    private final MessageAssembler assembler = new MessageAssembler();

    private boolean paused;
    private boolean inputEnded;
    private boolean outputEnded;
    private boolean closeReported;
    private SessionRegistry registry;
    private ScheduledFuture<?> closeTimer;
    private ScheduledFuture<?> idleTimer;
    /** When the peer last sent anything, and when we last pinged it for keepalive (System.nanoTime). */
    private long lastReceived;
    private long lastKeepalivePing;

    NettySession(Channel channel, Connection ws, Transport transport, WebSocketHandler handler, SessionOptions options,
                 Request request, String subprotocol) {
        this.channel = channel;
        this.ws = ws;
        this.transport = transport;
        this.handler = handler;
        this.options = options;
        this.request = request;
        this.subprotocol = subprotocol;
    }

    /** Called once the handshake response is written: tells the handler and starts reading. */
    void open() {
        channel.config().setAutoRead(false);
        lastReceived = System.nanoTime();
        lastKeepalivePing = lastReceived;
        scheduleIdleCheck();
        registry = SessionRegistry.of(channel);
        boolean welcome = registry == null || registry.add(this);
        handler.onOpen(this);
        if (!welcome && ws.state() == ConnectionState.OPEN) {
            writeEvent(new CloseConnection(CloseCode.GOING_AWAY, "server shutting down"));
        }
        dispatch(); // frames that arrived with the handshake
        readMore();
    }

    // ---------------------------------------------------------------- inbound (event loop)

    void onData(ByteBuf data, boolean endOfInput) {
        lastReceived = System.nanoTime();
        try {
            if (data.isReadable()) {
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
        inputEnded = true;
        if (ws.state() == ConnectionState.CLOSED) {
            cancelCloseTimer();
            endOutput(); // a client that waited for the server to end its half ends its own now
            return;
        }
        ws.receiveEof(); // the peer ended without completing the close handshake: 1006
        dispatch();
        abortIfOutputOpen();
    }

    /** The stream was reset, or the connection was lost. */
    void onTransportLost(String why) {
        boolean peerHadEnded = inputEnded;
        inputEnded = true;
        cancelCloseTimer();
        if (ws.state() == ConnectionState.CLOSED) {
            if (!peerHadEnded && transport.isHttp2()) {
                // Some peers (hypercorn 0.13) never end their half after the close handshake, and drop the
                // stream or connection instead: the WebSocket still closed cleanly.
                LOG.log(System.Logger.Level.INFO, "the peer ended the stream without END_STREAM after a completed "
                        + "close handshake ({0}); the WebSocket closed cleanly", why);
            }
            return;
        }
        ws.receiveEof();
        dispatch();
    }

    void onWritabilityChanged(boolean writable) {
        handler.onWritabilityChanged(this, writable);
        if (writable) {
            readMore();
        }
    }

    private void readMore() {
        if (!paused && !inputEnded && channel.isActive() && channel.isWritable()) {
            channel.read();
        }
    }

    private void dispatch() {
        Event e;
        while ((e = ws.nextEvent()) != null) {
            try {
                deliver(e);
            } catch (RuntimeException failure) {
                LOG.log(System.Logger.Level.WARNING, "WebSocket handler failed; closing with 1011", failure);
                if (ws.state() == ConnectionState.OPEN) {
                    writeEvent(new CloseConnection(CloseCode.INTERNAL_ERROR, "internal error"));
                }
            }
        }
    }

    private void deliver(Event e) {
        handler.onEvent(this, e);
        if (e instanceof Message part) {
            Message whole = assembler.add(part);
            if (whole instanceof TextMessage t) {
                handler.onText(this, t.data());
            } else if (whole instanceof BytesMessage b) {
                handler.onBinary(this, b.data());
            }
        } else if (e instanceof Ping ping) {
            // RFC 6455 §5.5.2: answered unless the peer's close came first, also while our own close awaits its
            // reply; only a half we have already ended (a server's close over HTTP/2) cannot carry the pong.
            if (options.autoPong() && !outputEnded && ws.state() != ConnectionState.CLOSED) {
                writeEvent(ping.response());
            }
        } else if (e instanceof CloseConnection close) {
            onClose(close);
        }
    }

    private void onClose(CloseConnection close) {
        if (ws.state() == ConnectionState.REMOTE_CLOSING) {
            writeEvent(close.response()); // the peer's close, or its violation: reply, ending our half with it
        } else if (close.origin() == CloseConnection.Origin.TRANSPORT) {
            abortIfOutputOpen();
        } else if (inputEnded || !waitsForPeerToEndFirst()) {
            endOutput(); // the reply to our close: the handshake is complete
        }
        reportClose(close.code(), close.reason());
        if (!inputEnded) {
            startCloseTimer(); // the peer ends its half in turn, or the stream is reset
        }
    }

    private void reportClose(int code, String reason) {
        cancelIdleTimer();
        if (registry != null) {
            registry.remove(this);
        }
        if (!closeReported) {
            closeReported = true;
            handler.onClose(this, code, reason);
        }
    }

    // ---------------------------------------------------------------- outbound (event loop)

    /**
     * Sends an event; a close reply also ends our half. On HTTP/2 a server's own close ends its half in the
     * same DATA frame (HTTP/2 half-close still lets the reply arrive), while a client that closes first ends
     * its half only after the server has ended its own: some servers (hypercorn 0.13) drop their stream at
     * the close and fail the whole connection on any later frame for it. On HTTP/1.1 ending the output
     * closes the TCP connection, so it waits for the handshake to complete.
     */
    private ChannelFuture writeEvent(Event event) {
        if (outputEnded) {
            throw new io.wsproto.LocalProtocolError("this side has already ended its half of the WebSocket");
        }
        ByteBuffer bytes = ws.send(event);
        ConnectionState state = ws.state();
        boolean end = state == ConnectionState.CLOSED
                || (state == ConnectionState.LOCAL_CLOSING && transport.isHttp2() && ws.type() == ConnectionType.SERVER);
        outputEnded = end;
        ChannelFuture written = transport.write(bytes, end);
        if (state == ConnectionState.LOCAL_CLOSING) {
            startCloseTimer(); // the peer's close reply is due
        }
        return written;
    }

    /** Whether, the close handshake done, this side waits for the peer's END_STREAM before sending its own. */
    private boolean waitsForPeerToEndFirst() {
        return transport.isHttp2() && ws.type() == ConnectionType.CLIENT;
    }

    private void endOutput() {
        if (!outputEnded) {
            outputEnded = true;
            transport.endOutput();
        }
    }

    private void abortIfOutputOpen() {
        cancelCloseTimer();
        if (!outputEnded) {
            outputEnded = true;
            transport.abort();
        }
    }

    /**
     * Waits, within the close timeout, for what the peer still owes: its close reply, or the end of its
     * half. When it does not come the stream is reset (or the connection closed); an unanswered close is
     * reported as 1006.
     */
    private void startCloseTimer() {
        cancelCloseTimer();
        closeTimer = channel.eventLoop().schedule(() -> {
            closeTimer = null;
            if (inputEnded) {
                return;
            }
            LOG.log(System.Logger.Level.DEBUG, "the peer did not finish the close within {0}; resetting", options.closeTimeout());
            inputEnded = true;
            outputEnded = true;
            transport.abort();
            if (ws.state() != ConnectionState.CLOSED) {
                ws.receiveEof();
                dispatch();
            }
        }, options.closeTimeout().toMillis(), TimeUnit.MILLISECONDS);
    }

    // ---------------------------------------------------------------- idle timeout and keepalive (event loop)

    /** Checks again at the nearest of the keepalive and idle deadlines, counted from the last input. */
    private void scheduleIdleCheck() {
        long idle = options.idleTimeout().toNanos();
        long ping = options.pingInterval().toNanos();
        if (idle == 0 && ping == 0) {
            return;
        }
        long now = System.nanoTime();
        long next = Long.MAX_VALUE;
        if (idle > 0) {
            next = lastReceived + idle;
        }
        if (ping > 0) {
            next = Math.min(next, Math.max(lastReceived, lastKeepalivePing) + ping);
        }
        idleTimer = channel.eventLoop().schedule(this::idleCheck, Math.max(0, next - now), TimeUnit.NANOSECONDS);
    }

    private void idleCheck() {
        idleTimer = null;
        if (ws.state() != ConnectionState.OPEN || outputEnded) {
            return; // closing: the close timer is in charge now
        }
        long now = System.nanoTime();
        long quiet = now - lastReceived;
        long idle = options.idleTimeout().toNanos();
        long ping = options.pingInterval().toNanos();
        if (idle > 0 && quiet >= idle) {
            LOG.log(System.Logger.Level.DEBUG, "nothing received for {0}; closing with 1001", options.idleTimeout());
            writeEvent(new CloseConnection(CloseCode.GOING_AWAY, "idle for " + options.idleTimeout().toSeconds() + " s"));
            return;
        }
        if (ping > 0 && quiet >= ping && now - lastKeepalivePing >= ping) {
            lastKeepalivePing = now;
            writeEvent(new Ping(new byte[0]));
        }
        scheduleIdleCheck();
    }

    private void cancelIdleTimer() {
        if (idleTimer != null) {
            idleTimer.cancel(false);
            idleTimer = null;
        }
    }

    private void cancelCloseTimer() {
        if (closeTimer != null) {
            closeTimer.cancel(false);
            closeTimer = null;
        }
    }

    // ---------------------------------------------------------------- public API (any thread)

    @Override
    public CompletableFuture<Void> sendText(String text) {
        return send(new TextMessage(text));
    }

    @Override
    public CompletableFuture<Void> sendBinary(byte[] data) {
        return send(new BytesMessage(data));
    }

    @Override
    public CompletableFuture<Void> send(Event event) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        onLoop(() -> {
            try {
                ChannelFuture written = writeEvent(event);
                written.addListener(f -> {
                    if (f.isSuccess()) {
                        done.complete(null);
                    } else {
                        done.completeExceptionally(f.cause());
                    }
                });
            } catch (ProtocolError e) {
                done.completeExceptionally(e);
            }
        });
        return done;
    }

    @Override
    public CompletableFuture<Void> close(int code, String reason) {
        return send(new CloseConnection(code, reason));
    }

    @Override
    public boolean isWritable() {
        return channel.isWritable();
    }

    @Override
    public void pauseReading() {
        onLoop(() -> paused = true);
    }

    @Override
    public void resumeReading() {
        onLoop(() -> {
            paused = false;
            readMore();
        });
    }

    private void onLoop(Runnable task) {
        if (channel.eventLoop().inEventLoop()) {
            task.run();
        } else {
            channel.eventLoop().execute(task);
        }
    }

    /** The channel the WebSocket runs on: an HTTP/2 stream channel, or an HTTP/1.1 connection. */
    Channel channel() {
        return channel;
    }

    @Override
    public ConnectionState state() {
        return ws.state();
    }

    @Override
    public Request request() {
        return request;
    }

    @Override
    public String subprotocol() {
        return subprotocol;
    }

    @Override
    public List<Extension> extensions() {
        return ws.extensions();
    }

    @Override
    public boolean isHttp2() {
        return transport.isHttp2();
    }

    @Override
    public String toString() {
        return "WebSocket[" + (isHttp2() ? "h2 stream " : "h1 ") + channel + ", " + ws.state() + "]";
    }
}
