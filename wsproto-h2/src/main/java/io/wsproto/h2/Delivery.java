package io.wsproto.h2;

import io.netty.channel.EventLoop;
import io.wsproto.MessageAssembler;
import io.wsproto.events.BytesMessage;
import io.wsproto.events.Event;
import io.wsproto.events.Message;
import io.wsproto.events.TextMessage;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Consumer;

/**
 * Hands one session's events to its {@link WebSocketHandler}: assembles messages (unless streaming), counts
 * demand, and runs the callbacks on the event loop or, in order, on the application's executor. The session
 * asks {@link #accepts} before taking each event and {@link #wantsInput} before reading, so what waits for the
 * application is at most one read's events. Called on the event loop; only the callbacks may run elsewhere.
 */
final class Delivery {
    private static final System.Logger LOG = System.getLogger(Delivery.class.getName());

    private final WebSocketHandler handler;
    private final WebSocketSession session;
    private final EventLoop loop;
    private final SerialExecutor executor;
    private final MessageAssembler assembler;
    private final boolean demandMode;
    private final WebSocketMetrics metrics;
    /** The handler threw (on whichever thread): the session reports it and closes with 1011, on the loop. */
    private final Consumer<RuntimeException> handlerFailed;
    /** Messages the application asked for and has not received; event loop only. */
    private long demand;

    /**
     * @param caughtUp runs on the event loop when the executor has run every callback handed to it
     */
    Delivery(WebSocketHandler handler, WebSocketSession session, EventLoop loop, SessionOptions options,
             Runnable caughtUp, Consumer<RuntimeException> handlerFailed) {
        this.handler = handler;
        this.session = session;
        this.loop = loop;
        this.executor = options.executor() == null ? null : new SerialExecutor(options.executor(), () -> loop.execute(caughtUp));
        this.assembler = options.streaming() ? null : new MessageAssembler();
        this.demandMode = options.demand();
        this.metrics = options.metrics();
        this.handlerFailed = handlerFailed;
    }

    /**
     * Whether {@code e} may be delivered now. In demand mode a message (a part, when streaming) waits for
     * demand; parts that do not complete a message are assembled meanwhile, and other events never wait.
     */
    boolean accepts(Event e) {
        if (!demandMode || demand > 0 || !(e instanceof Message m)) {
            return true;
        }
        return assembler != null && !m.messageFinished();
    }

    /** Whether the session should read more: every callback has run, and in demand mode there is demand. */
    boolean wantsInput() {
        return (executor == null || executor.isCaughtUp()) && (!demandMode || demand > 0);
    }

    /** Adds a positive {@code n} to the demand (saturating); returns false when demand mode is off. */
    boolean request(long n) {
        if (!demandMode) {
            return false;
        }
        demand = demand + n < 0 ? Long.MAX_VALUE : demand + n;
        return true;
    }

    void opened() {
        call(() -> handler.onOpen(session));
    }

    /** An event the session took (after its own protocol work, such as answering a ping). */
    void deliver(Event e) {
        Message whole = null;
        if (e instanceof Message part) {
            whole = assembler == null ? part : assembler.add(part);
            if (whole != null) {
                if (demandMode) {
                    demand--;
                }
                if (metrics != WebSocketMetrics.NONE) {
                    metrics.messageReceived(session, Payloads.size(whole));
                }
            }
        }
        if (executor == null) {
            handle(e, whole);
        } else {
            Message message = whole;
            call(() -> handle(e, message));
        }
    }

    /** Tells the handler of a failure; a handler whose {@code onError} throws too is only logged. */
    void error(Throwable cause) {
        call(() -> {
            try {
                handler.onError(session, cause);
            } catch (RuntimeException again) {
                LOG.log(System.Logger.Level.WARNING, "WebSocket handler's onError failed", again);
            }
        });
    }

    void closed(int code, String reason) {
        call(() -> handler.onClose(session, code, reason));
    }

    void writabilityChanged(boolean writable) {
        call(() -> handler.onWritabilityChanged(session, writable));
    }

    private void handle(Event e, Message whole) {
        try {
            handler.onEvent(session, e);
            if (assembler != null) {
                if (whole instanceof TextMessage t) {
                    handler.onText(session, t.data());
                } else if (whole instanceof BytesMessage b) {
                    handler.onBinary(session, b.data());
                }
            }
        } catch (RuntimeException failure) {
            failed(failure);
        }
    }

    private void call(Runnable callback) {
        if (executor == null) {
            try {
                callback.run();
            } catch (RuntimeException failure) {
                failed(failure);
            }
            return;
        }
        try {
            executor.execute(() -> {
                try {
                    callback.run();
                } catch (RuntimeException failure) {
                    failed(failure);
                }
            });
        } catch (RejectedExecutionException shutDown) {
            failed(shutDown);
        }
    }

    private void failed(RuntimeException failure) {
        if (loop.inEventLoop()) {
            handlerFailed.accept(failure);
        } else {
            loop.execute(() -> handlerFailed.accept(failure));
        }
    }
}
