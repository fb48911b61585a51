package io.wsproto.interop.peers;

import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** An echo server under test at ws://127.0.0.1:port/echo; each session reports how it ended. */
public abstract class EchoServer implements AutoCloseable {
    /** What the server saw of one WebSocket: the close code it received, whether deflate was on, and whether it came over HTTP/2. */
    public record SessionReport(int closeCodeReceived, boolean deflate, boolean http2) {
    }

    private final BlockingQueue<SessionReport> sessions = new LinkedBlockingQueue<>();

    /** The plaintext port, or -1. */
    public abstract int port();

    /** The port for h2c with prior knowledge: the plaintext port unless the server keeps a separate one. */
    public int h2cPort() {
        return port();
    }

    /** The TLS port, or -1. */
    public int tlsPort() {
        return -1;
    }

    public void sessionEnded(int closeCode, boolean deflate) {
        sessionEnded(closeCode, deflate, false);
    }

    public void sessionEnded(int closeCode, boolean deflate, boolean http2) {
        sessions.add(new SessionReport(closeCode, deflate, http2));
    }

    public SessionReport nextSession() throws InterruptedException {
        SessionReport s = sessions.poll(10, TimeUnit.SECONDS);
        if (s == null) {
            throw new AssertionError("the server reported no finished session within 10 s");
        }
        return s;
    }

    public String uri() {
        return "ws://127.0.0.1:" + port() + "/echo";
    }

    public String h2cUri() {
        return "ws://127.0.0.1:" + h2cPort() + "/echo";
    }

    public String tlsUri() {
        return "wss://localhost:" + tlsPort() + "/echo";
    }
}
