package io.wsproto.interop.conformance;

import java.io.IOException;

/** The tester's end of one WebSocket's bytes: an HTTP/1.1 connection after the upgrade, or one HTTP/2 stream. */
interface Wire extends AutoCloseable {
    void write(byte[] bytes) throws IOException;

    /**
     * The next bytes from the implementation under test: null when none arrive within {@code millis}, a
     * {@link Seen.End} (as the only element) when its side of the transport ended.
     */
    Object read(long millis) throws Exception;

    /** Ends the tester's output: closes the TCP connection (h1) or ends the stream (h2). */
    void end();

    @Override
    void close();
}
