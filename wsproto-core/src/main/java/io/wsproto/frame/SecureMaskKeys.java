package io.wsproto.frame;

import java.nio.ByteBuffer;
import java.security.SecureRandom;
import java.util.random.RandomGenerator;

/**
 * Mask keys from a {@link SecureRandom}, as RFC 6455 §5.3 requires, drawn 256 bytes at a time into a
 * per-thread buffer: one call to the secure source serves 32 frames, and the keys are exactly as
 * unpredictable as if each had been drawn alone. No connection holds any of it.
 */
public final class SecureMaskKeys implements RandomGenerator {
    public static final SecureMaskKeys INSTANCE = new SecureMaskKeys();
    private static final int BATCH = 256;
    private static final SecureRandom SOURCE = new SecureRandom();
    private static final ThreadLocal<ByteBuffer> BUFFERS = ThreadLocal.withInitial(() -> ByteBuffer.allocate(BATCH).position(BATCH));

    private SecureMaskKeys() {
    }

    @Override
    public long nextLong() {
        ByteBuffer buffer = BUFFERS.get();
        if (buffer.remaining() < Long.BYTES) {
            SOURCE.nextBytes(buffer.array());
            buffer.clear();
        }
        return buffer.getLong();
    }
}
