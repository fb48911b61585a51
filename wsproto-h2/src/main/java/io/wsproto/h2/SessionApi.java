package io.wsproto.h2;

import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.wsproto.CloseCode;
import io.wsproto.Connection;
import io.wsproto.ConnectionState;
import io.wsproto.ProtocolError;
import io.wsproto.events.BytesMessage;
import io.wsproto.events.CloseConnection;
import io.wsproto.events.Event;
import io.wsproto.events.Request;
import io.wsproto.events.TextMessage;
import io.wsproto.extensions.Extension;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The thread-safe face of a session: each call hops to the channel's event loop, where the session's
 * {@link #write}, {@link #pause} and {@link #demand} do the work, and the returned future follows the write.
 * Sends are counted here, on the caller's thread, so that a queue past {@code maxQueuedOutboundBytes} is
 * refused before anything is encoded or queued.
 */
abstract class SessionApi implements WebSocketSession {
    final Channel channel;
    final Connection ws;
    final Transport transport;
    private final Request request;
    private final String subprotocol;
    private final long maxQueued;
    private final boolean closeOnOverflow;
    private final WebSocketMetrics metrics;
    /** Payload of messages handed to {@link #send} whose writes have not completed. */
    private final AtomicLong queued = new AtomicLong();

    SessionApi(Channel channel, Connection ws, Transport transport, Request request, String subprotocol, SessionOptions options) {
        this.channel = channel;
        this.ws = ws;
        this.transport = transport;
        this.request = request;
        this.subprotocol = subprotocol;
        this.maxQueued = options.maxQueuedOutboundBytes();
        this.closeOnOverflow = options.closeOnOutboundOverflow();
        this.metrics = options.metrics();
    }

    /** Sends an event on the event loop; throws {@link ProtocolError} when the connection refuses it. */
    abstract ChannelFuture write(Event event);

    /** Pauses or resumes reading, on the event loop. */
    abstract void pause(boolean paused);

    /** Adds demand, on the event loop. */
    abstract void demand(long n);

    @Override
    public CompletableFuture<Void> sendText(CharSequence text) {
        return send(new TextMessage(text.toString()));
    }

    @Override
    public CompletableFuture<Void> sendBinary(byte[] data) {
        return send(new BytesMessage(data));
    }

    @Override
    public CompletableFuture<Void> sendBinary(ByteBuffer data) {
        byte[] copy = new byte[data.remaining()];
        data.duplicate().get(copy);
        return send(new BytesMessage(copy));
    }

    @Override
    public CompletableFuture<Void> send(Event event) {
        long bytes = Payloads.size(event);
        long now = queued.addAndGet(bytes);
        if (bytes > 0 && now > maxQueued) {
            queued.addAndGet(-bytes);
            return refuse(bytes, now - bytes);
        }
        metrics.messageSent(this, bytes, now);
        WriteFuture done = new WriteFuture(bytes);
        if (channel.eventLoop().inEventLoop()) {
            done.write(event);
        } else {
            channel.eventLoop().execute(() -> done.write(event));
        }
        return done;
    }

    private CompletableFuture<Void> refuse(long bytes, long queuedBefore) {
        metrics.sendRefused(this, bytes, queuedBefore);
        if (closeOnOverflow) {
            close(CloseCode.POLICY_VIOLATION, "send queue full");
        }
        return CompletableFuture.failedFuture(new OutboundQueueFullException(queuedBefore, bytes, maxQueued));
    }

    /** The future of one send, completed by the write it listens to: one object per send. */
    private final class WriteFuture extends CompletableFuture<Void> implements ChannelFutureListener {
        private final long bytes;

        WriteFuture(long bytes) {
            this.bytes = bytes;
        }

        void write(Event event) {
            try {
                SessionApi.this.write(event).addListener(this);
            } catch (ProtocolError e) {
                queued.addAndGet(-bytes);
                completeExceptionally(e);
            }
        }

        @Override
        public void operationComplete(ChannelFuture written) {
            queued.addAndGet(-bytes);
            if (written.isSuccess()) {
                complete(null);
            } else {
                completeExceptionally(written.cause());
            }
        }
    }

    @Override
    public long queuedBytes() {
        return queued.get();
    }

    @Override
    public void request(long n) {
        if (n <= 0) {
            throw new IllegalArgumentException("request(n) needs a positive n, got " + n);
        }
        onLoop(() -> demand(n));
    }

    @Override
    public SocketAddress remoteAddress() {
        return channel.remoteAddress(); // an HTTP/2 stream channel answers with its connection's
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
        onLoop(() -> pause(true));
    }

    @Override
    public void resumeReading() {
        onLoop(() -> pause(false));
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
