package io.wsproto.interop.h1;

import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** An echo server under test at ws://127.0.0.1:port/echo; each session reports how it ended. */
abstract class EchoServer implements AutoCloseable {
    /** What the server saw of one WebSocket: the close code it received and whether deflate was on. */
    record SessionReport(int closeCodeReceived, boolean deflate) {
    }

    private final BlockingQueue<SessionReport> sessions = new LinkedBlockingQueue<>();

    abstract int port();

    void sessionEnded(int closeCode, boolean deflate) {
        sessions.add(new SessionReport(closeCode, deflate));
    }

    SessionReport nextSession() throws InterruptedException {
        SessionReport s = sessions.poll(10, TimeUnit.SECONDS);
        if (s == null) {
            throw new AssertionError("the server reported no finished session within 10 s");
        }
        return s;
    }

    String uri() {
        return "ws://127.0.0.1:" + port() + "/echo";
    }
}
