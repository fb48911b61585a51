package io.wsproto.interop.peers;

/** A WebSocket client under test, whatever implementation is behind it. */
public interface EchoClient extends AutoCloseable {
    /** A pong received, told apart from a binary message. */
    public record PongReceived(byte[] payload) {
    }

    /** The next item a client's callbacks queued, waiting up to 10 s; a queued Throwable fails the test with its cause. */
    static Object take(java.util.concurrent.BlockingQueue<Object> received) throws InterruptedException {
        Object o = received.poll(10, java.util.concurrent.TimeUnit.SECONDS);
        if (o == null || o instanceof Throwable) {
            throw new AssertionError("nothing received within 10 s", (Throwable) o);
        }
        return o;
    }

    void sendText(String text, boolean last) throws Exception;

    void sendBinary(byte[] data, boolean last) throws Exception;

    void ping(byte[] payload) throws Exception;

    /** The next whole message (a String or a byte[]) or a {@link PongReceived}, waiting up to 10 s. */
    Object next() throws Exception;

    /** Sends a close with {@code code} and returns the code of the server's reply. */
    int closeAndAwaitReply(int code) throws Exception;

    boolean deflateNegotiated();

    @Override
    void close() throws Exception;
}
