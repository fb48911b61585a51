package io.wsproto.h2;

import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs one session's callbacks on the application's executor one at a time and in the order given, while
 * other sessions' run in parallel; {@code caughtUp} runs after the last queued task, so the session can read
 * again. The queue holds at most what one read delivered: the session does not read while it is behind.
 */
final class SerialExecutor implements Executor {
    private final Executor target;
    private final Runnable caughtUp;
    private final Queue<Runnable> tasks = new ConcurrentLinkedQueue<>();
    /** Tasks queued and not finished; the one that raises it from zero starts a drain. */
    private final AtomicInteger pending = new AtomicInteger();

    SerialExecutor(Executor target, Runnable caughtUp) {
        this.target = target;
        this.caughtUp = caughtUp;
    }

    @Override
    public void execute(Runnable task) {
        tasks.add(task);
        if (pending.getAndIncrement() == 0) {
            try {
                target.execute(this::drain);
            } catch (RejectedExecutionException shutDown) { // the caller fails the session
                tasks.clear();
                pending.set(0);
                throw shutDown;
            }
        }
    }

    /** Whether every task handed over has finished. */
    boolean isCaughtUp() {
        return pending.get() == 0;
    }

    private void drain() {
        do {
            tasks.poll().run(); // tasks catch their own failures
        } while (pending.decrementAndGet() != 0);
        caughtUp.run();
    }
}
