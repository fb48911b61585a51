package io.wsproto.frame;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * The XOR masking of RFC 6455 §5.3, eight bytes at a time. The same operation masks and unmasks.
 *
 * <p>A key is held as an int in network order: its first byte on the wire is the int's high byte.
 */
public final class Masking {
    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

    private Masking() {
    }

    /**
     * Copies {@code len} bytes from {@code src} to {@code dst}, XORed with {@code key}. {@code phase} is the
     * position of the first byte within the frame payload, modulo 4, so that a payload delivered in pieces
     * is unmasked as one. {@code src} and {@code dst} may be the same array at the same offset.
     */
    public static void maskCopy(byte[] src, int srcOff, byte[] dst, int dstOff, int len, int key, int phase) {
        // The little-endian long whose byte j masks payload byte (phase + j): the key, rotated to the
        // phase, byte-reversed, repeated twice.
        int rotated = Integer.reverseBytes(Integer.rotateLeft(key, 8 * (phase & 3)));
        long mask = (rotated & 0xFFFF_FFFFL) | ((long) rotated << 32);
        int i = 0;
        for (int end = len - 7; i < end; i += 8) {
            LONGS.set(dst, dstOff + i, (long) LONGS.get(src, srcOff + i) ^ mask);
        }
        for (; i < len; i++) {
            dst[dstOff + i] = (byte) (src[srcOff + i] ^ (mask >>> ((i & 7) << 3)));
        }
    }
}
