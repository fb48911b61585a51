package io.wsproto.h2;

import io.netty.channel.ChannelFuture;
import io.netty.util.concurrent.EventExecutor;
import io.netty.util.concurrent.ScheduledFuture;
import io.wsproto.ConnectionState;
import io.wsproto.LocalProtocolError;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * The two halves of a WebSocket's transport and the end of its close handshake: which half has ended,
 * when ours ends (asked of the {@link Transport}), and the timer that stops waiting for what the peer still
 * owes, its close reply or the end of its half. When the timer fires the transport is aborted and
 * {@code onTimeout} runs, so the session can report an unanswered close as 1006. Event loop only.
 */
final class CloseHandshake {
    private static final System.Logger LOG = System.getLogger(CloseHandshake.class.getName());

    private final Transport transport;
    private final EventExecutor loop;
    private final Duration timeout;
    private final Runnable onTimeout;
    private boolean inputEnded;
    private boolean outputEnded;
    private ScheduledFuture<?> timer;

    CloseHandshake(Transport transport, EventExecutor loop, Duration timeout, Runnable onTimeout) {
        this.transport = transport;
        this.loop = loop;
        this.timeout = timeout;
        this.onTimeout = onTimeout;
    }

    boolean inputEnded() {
        return inputEnded;
    }

    boolean outputEnded() {
        return outputEnded;
    }

    /**
     * Writes what the connection produced for one event; {@code after} is the connection's state once it
     * did. The frame that makes the close handshake complete (or, per transport, our own close) ends our
     * half with it; our own close starts the wait for the peer's reply.
     */
    ChannelFuture write(ByteBuffer bytes, ConnectionState after) {
        if (outputEnded) {
            throw new LocalProtocolError("this side has already ended its half of the WebSocket");
        }
        outputEnded = transport.endsOutputWith(after);
        ChannelFuture written = transport.write(bytes, outputEnded);
        if (after == ConnectionState.LOCAL_CLOSING) {
            awaitPeer();
        }
        return written;
    }

    /** The peer's reply to our close arrived: end our half now, or once the peer has ended its own. */
    void closeAnswered() {
        if (inputEnded || !transport.waitsForPeerToEndFirst()) {
            endOutput();
        }
    }

    /** The peer ended its half (END_STREAM, or the end of the TCP input). */
    void peerEnded() {
        inputEnded = true;
        cancelTimer();
    }

    /**
     * The stream was reset or the connection lost; after a completed close handshake ({@code closed}) that
     * is only worth a log line, and only where the transport expects an orderly end.
     */
    void lost(String why, boolean closed) {
        boolean peerHadEnded = inputEnded;
        inputEnded = true;
        cancelTimer();
        if (closed && !peerHadEnded && transport.expectsOrderlyEnd()) {
            // Some peers (hypercorn 0.13) never end their half after the close handshake and drop the stream
            // or the connection instead: the WebSocket still closed cleanly.
            LOG.log(System.Logger.Level.INFO, "the peer ended the stream without END_STREAM after a completed "
                    + "close handshake ({0}); the WebSocket closed cleanly", why);
        }
    }

    /** Ends our half, unless it has ended. */
    void endOutput() {
        if (!outputEnded) {
            outputEnded = true;
            transport.endOutput();
        }
    }

    /** Abandons our half, unless it has ended: RST_STREAM, or closing the connection. */
    void abort() {
        cancelTimer();
        if (!outputEnded) {
            outputEnded = true;
            transport.abort();
        }
    }

    /** Waits, within the close timeout, for the peer to end its half; a no-op once it has. */
    void awaitPeer() {
        if (inputEnded) {
            return;
        }
        cancelTimer();
        timer = loop.schedule(this::expire, timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void expire() {
        timer = null;
        if (inputEnded) {
            return;
        }
        LOG.log(System.Logger.Level.DEBUG, "the peer did not finish the close within {0}; resetting", timeout);
        inputEnded = true;
        outputEnded = true;
        transport.abort();
        onTimeout.run();
    }

    private void cancelTimer() {
        if (timer != null) {
            timer.cancel(false);
            timer = null;
        }
    }
}
