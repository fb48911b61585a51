package io.wsproto.h2;

import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.wsproto.Connection;
import io.wsproto.ConnectionState;
import io.wsproto.ProtocolError;
import io.wsproto.events.BytesMessage;
import io.wsproto.events.CloseConnection;
import io.wsproto.events.Event;
import io.wsproto.events.Request;
import io.wsproto.events.TextMessage;
import io.wsproto.extensions.Extension;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * The thread-safe face of a session: each call hops to the channel's event loop, where the session's
 * {@link #write} and {@link #pause} do the work, and the returned future follows the write.
 */
abstract class SessionApi implements WebSocketSession {
    final Channel channel;
    final Connection ws;
    final Transport transport;
    private final Request request;
    private final String subprotocol;

    SessionApi(Channel channel, Connection ws, Transport transport, Request request, String subprotocol) {
        this.channel = channel;
        this.ws = ws;
        this.transport = transport;
        this.request = request;
        this.subprotocol = subprotocol;
    }

    /** Sends an event on the event loop; throws {@link ProtocolError} when the connection refuses it. */
    abstract ChannelFuture write(Event event);

    /** Pauses or resumes reading, on the event loop. */
    abstract void pause(boolean paused);

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
        WriteFuture done = new WriteFuture();
        if (channel.eventLoop().inEventLoop()) {
            done.write(event);
        } else {
            channel.eventLoop().execute(() -> done.write(event));
        }
        return done;
    }

    /** The future of one send, completed by the write it listens to: one object per send. */
    private final class WriteFuture extends CompletableFuture<Void> implements ChannelFutureListener {
        void write(Event event) {
            try {
                SessionApi.this.write(event).addListener(this);
            } catch (ProtocolError e) {
                completeExceptionally(e);
            }
        }

        @Override
        public void operationComplete(ChannelFuture written) {
            if (written.isSuccess()) {
                complete(null);
            } else {
                completeExceptionally(written.cause());
            }
        }
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
