package io.wsproto;

import java.nio.ByteBuffer;

/**
 * The buffers that hold a connection's unparsed input between {@code receiveData} and the events it
 * yields. A connection holds one only while it has input the application has not taken; drained, the
 * buffer goes back to its thread, whose next connection with input to keep takes it again. So an event
 * loop that drains each connection after each read reuses one buffer for all of them, and an idle
 * connection holds none.
 */
final class InputBuffers {
    /** A spare larger than this is not kept for the thread. */
    private static final int MAX_SPARE = 4 * 1024 * 1024;
    private static final ThreadLocal<ByteBuffer[]> SPARE = ThreadLocal.withInitial(() -> new ByteBuffer[1]);

    private InputBuffers() {
    }

    /** An empty buffer, in write mode, that holds at least {@code size} bytes. */
    static ByteBuffer take(int size) {
        ByteBuffer[] slot = SPARE.get();
        ByteBuffer spare = slot[0];
        if (spare != null && spare.capacity() >= size) {
            slot[0] = null;
            return spare.clear();
        }
        return ByteBuffer.allocate(Math.max(size, 4096));
    }

    /** Returns a buffer that is no longer needed; the thread keeps the largest it has seen, within bounds. */
    static void giveBack(ByteBuffer buffer) {
        if (buffer.capacity() > MAX_SPARE) {
            return;
        }
        ByteBuffer[] slot = SPARE.get();
        if (slot[0] == null || slot[0].capacity() < buffer.capacity()) {
            slot[0] = buffer;
        }
    }
}
