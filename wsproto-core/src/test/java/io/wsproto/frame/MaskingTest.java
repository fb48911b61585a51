package io.wsproto.frame;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.util.Random;
import org.junit.jupiter.api.Test;

class MaskingTest {
    /** The definition of RFC 6455 §5.3: octet i XOR key octet (i mod 4), here from a phase. */
    private static byte[] naive(byte[] data, int off, int len, int key, int phase) {
        byte[] out = new byte[len];
        for (int i = 0; i < len; i++) {
            int keyByte = key >>> (24 - 8 * ((phase + i) & 3));
            out[i] = (byte) (data[off + i] ^ keyByte);
        }
        return out;
    }

    @Test
    void matchesTheDefinitionForEveryLengthOffsetAndPhase() {
        Random random = new Random(42);
        byte[] data = new byte[100];
        random.nextBytes(data);
        for (int len = 0; len <= 40; len++) {
            for (int off = 0; off < 9; off++) {
                for (int phase = 0; phase < 4; phase++) {
                    int key = random.nextInt();
                    byte[] out = new byte[len + 3];
                    Masking.maskCopy(data, off, out, 3, len, key, phase);
                    byte[] got = java.util.Arrays.copyOfRange(out, 3, 3 + len);
                    assertArrayEquals(naive(data, off, len, key, phase), got, "len " + len + " off " + off + " phase " + phase);
                }
            }
        }
    }

    @Test
    void unmasksInPlaceAndRoundTrips() {
        byte[] data = new byte[1031];
        new Random(7).nextBytes(data);
        byte[] copy = data.clone();
        Masking.maskCopy(copy, 0, copy, 0, copy.length, 0x37FA213D, 0);
        assertArrayEquals(naive(data, 0, data.length, 0x37FA213D, 0), copy);
        Masking.maskCopy(copy, 0, copy, 0, copy.length, 0x37FA213D, 0);
        assertArrayEquals(data, copy);
    }

    @Test
    void piecesMaskedWithTheirPhaseEqualTheWhole() {
        byte[] data = new byte[64];
        new Random(3).nextBytes(data);
        int key = 0x01020304;
        byte[] whole = naive(data, 0, 64, key, 0);
        byte[] pieces = new byte[64];
        int[] cuts = {0, 5, 6, 19, 33, 64};
        for (int c = 0; c + 1 < cuts.length; c++) {
            Masking.maskCopy(data, cuts[c], pieces, cuts[c], cuts[c + 1] - cuts[c], key, cuts[c]);
        }
        assertArrayEquals(whole, pieces);
    }
}
