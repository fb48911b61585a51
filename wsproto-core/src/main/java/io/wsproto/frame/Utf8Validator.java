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
        // Finish a sequence that the previous piece left open.
        while (expected > 0 && i < end) {
            int c = b[i] & 0xFF;
            if (c < low || c > high) {
                return i;
            }
            low = 0x80;
            high = 0xBF;
            expected--;
            seen++;
            i++;
        }
        if (expected > 0) {
            return -1;
        }
        seen = 0;
        while (i < end) {
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
            int continuation;
            int firstLow = 0x80;
            int firstHigh = 0xBF;
            if (lead < 0xC2) {
                return i; // a continuation byte without a lead, or an overlong 2-byte form (C0, C1)
            } else if (lead < 0xE0) {
                continuation = 1;
            } else if (lead < 0xF0) {
                continuation = 2;
                // E0 would allow overlong 3-byte forms below A0; ED would encode surrogates from A0.
                firstLow = lead == 0xE0 ? 0xA0 : 0x80;
                firstHigh = lead == 0xED ? 0x9F : 0xBF;
            } else if (lead < 0xF5) {
                continuation = 3;
                // F0 would allow overlong 4-byte forms below 90; F4 would pass U+10FFFF from 90.
                firstLow = lead == 0xF0 ? 0x90 : 0x80;
                firstHigh = lead == 0xF4 ? 0x8F : 0xBF;
            } else {
                return i; // F5-FF never appear in UTF-8
            }
            if (i + continuation < end) {
                // The whole sequence is here: check it in place.
                int c = b[i + 1] & 0xFF;
                if (c < firstLow || c > firstHigh) {
                    return i + 1;
                }
                for (int k = 2; k <= continuation; k++) {
                    if ((b[i + k] & 0xC0) != 0x80) {
                        return i + k;
                    }
                }
                i += continuation + 1;
            } else {
                // The sequence runs past this piece: check what is here and remember the rest.
                expected = continuation;
                seen = 1;
                low = firstLow;
                high = firstHigh;
                for (i++; i < end; i++) {
                    int c = b[i] & 0xFF;
                    if (c < low || c > high) {
                        return i;
                    }
                    low = 0x80;
                    high = 0xBF;
                    expected--;
                    seen++;
                }
                return -1;
            }
        }
        return -1;
    }

    /** Whether the bytes so far end on a character boundary. */
    public boolean isComplete() {
        return expected == 0;
    }

    /** How many bytes at the end of the input so far belong to an unfinished character (0-3). */
    public int pendingBytes() {
        return seen;
    }

    /** Starts over, for a new message. */
    public void reset() {
        expected = 0;
        seen = 0;
        low = 0x80;
        high = 0xBF;
    }
}
