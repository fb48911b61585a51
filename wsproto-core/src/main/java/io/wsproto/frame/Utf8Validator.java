package io.wsproto.frame;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * An incremental UTF-8 validator (RFC 3629, as RFC 6455 §8.1 requires): bytes may arrive in any number of
 * pieces, and the first invalid byte is found as soon as it arrives. Rejects overlong forms, surrogates
 * (U+D800-U+DFFF) and code points above U+10FFFF. Runs of ASCII are skipped eight bytes at a time.
 */
public final class Utf8Validator {
    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final long HIGH_BITS = 0x8080_8080_8080_8080L;

    /** Continuation bytes still expected in the current sequence. */
    private int expected;
    /** Bytes of the current, incomplete sequence seen so far. */
    private int seen;
    /** The range allowed for the next continuation byte; only the first one of a sequence is narrower. */
    private int low = 0x80;
    private int high = 0xBF;

    /**
     * Feeds {@code len} bytes and returns the index of the first invalid byte, or -1 when all are valid so
     * far. After an invalid byte the validator's state is undefined; {@link #reset()} it to reuse it.
     */
    public int feed(byte[] b, int off, int len) {
        int i = off;
        int end = off + len;
        while (i < end) {
            if (expected == 0) {
                while (i + 8 <= end && ((long) LONGS.get(b, i) & HIGH_BITS) == 0) {
                    i += 8;
                }
                while (i < end && b[i] >= 0) {
                    i++;
                }
                if (i == end) {
                    break;
                }
                int lead = b[i] & 0xFF;
                if (lead < 0xC2) {
                    return i; // a continuation byte without a lead, or an overlong 2-byte form (C0, C1)
                } else if (lead < 0xE0) {
                    begin(1, 0x80, 0xBF);
                } else if (lead < 0xF0) {
                    // E0 would allow overlong 3-byte forms below A0; ED would encode surrogates from A0.
                    begin(2, lead == 0xE0 ? 0xA0 : 0x80, lead == 0xED ? 0x9F : 0xBF);
                } else if (lead < 0xF5) {
                    // F0 would allow overlong 4-byte forms below 90; F4 would pass U+10FFFF from 90.
                    begin(3, lead == 0xF0 ? 0x90 : 0x80, lead == 0xF4 ? 0x8F : 0xBF);
                } else {
                    return i; // F5-FF never appear in UTF-8
                }
            } else {
                int c = b[i] & 0xFF;
                if (c < low || c > high) {
                    return i;
                }
                low = 0x80;
                high = 0xBF;
                expected--;
                seen = expected == 0 ? 0 : seen + 1;
            }
            i++;
        }
        return -1;
    }

    private void begin(int continuationBytes, int firstLow, int firstHigh) {
        expected = continuationBytes;
        seen = 1;
        low = firstLow;
        high = firstHigh;
    }

    /** Whether the bytes so far end on a character boundary. */
    public boolean isComplete() {
        return expected == 0;
    }

    /** How many bytes at the end of the input so far belong to an unfinished character (0-3). */
    public int pendingBytes() {
        return seen;
    }

    public void reset() {
        expected = 0;
        seen = 0;
        low = 0x80;
        high = 0xBF;
    }
}
