package io.wsproto.frame;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * UTF-8 for outgoing text. The JDK encoder replaces a lone surrogate with '?', which would put corrupted
 * text on the wire without a word; this refuses it instead.
 */
public final class Utf8Encoder {
    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final long QUESTION_MARKS = 0x3F3F_3F3F_3F3F_3F3FL;
    private static final long LOW_BITS = 0x0101_0101_0101_0101L;
    private static final long HIGH_BITS = 0x8080_8080_8080_8080L;

    private Utf8Encoder() {
    }

    /**
     * @throws IllegalArgumentException naming the index of a lone surrogate
     */
    public static byte[] encode(String s) {
        byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
        // One byte per char means ASCII or replaced lone surrogates; with no '?' in the output, it is ASCII.
        if (bytes.length == s.length() && !containsQuestionMark(bytes)) {
            return bytes;
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                throw new IllegalArgumentException("unpaired surrogate at index " + i);
            }
        }
        return bytes;
    }

    private static boolean containsQuestionMark(byte[] b) {
        int i = 0;
        for (; i + 8 <= b.length; i += 8) {
            long x = (long) LONGS.get(b, i) ^ QUESTION_MARKS; // a '?' becomes a zero byte
            if (((x - LOW_BITS) & ~x & HIGH_BITS) != 0) {
                return true;
            }
        }
        for (; i < b.length; i++) {
            if (b[i] == '?') {
                return true;
            }
        }
        return false;
    }
}
