package io.wsproto.frame;

import static io.wsproto.frame.FrameFormat.FIN;
import static io.wsproto.frame.FrameFormat.LENGTH_16_BIT;
import static io.wsproto.frame.FrameFormat.LENGTH_64_BIT;
import static io.wsproto.frame.FrameFormat.MASK;
import static io.wsproto.frame.FrameFormat.MASK_KEY_BYTES;
import static io.wsproto.frame.FrameFormat.MAX_16_BIT_LENGTH;
import static io.wsproto.frame.FrameFormat.MAX_SHORT_LENGTH;
import static io.wsproto.frame.FrameFormat.RSV_SHIFT;

/** Builds frames (RFC 6455 §5.2): the header with the minimal length form, and the masked payload. */
public final class FrameWriter {
    private FrameWriter() {
    }

    /**
     * One frame in a new array.
     *
     * @param rsv RSV1-3 as the three bits 0b100, 0b010, 0b001
     * @param masked whether to mask with {@code maskKey} (a client's frames, RFC 6455 §5.3)
     */
    public static byte[] frame(int opcode, boolean fin, int rsv, byte[] payload, int off, int len,
                               boolean masked, int maskKey) {
        int extended = len <= MAX_SHORT_LENGTH ? 0 : len <= MAX_16_BIT_LENGTH ? 2 : 8;
        int headerLength = 2 + extended + (masked ? MASK_KEY_BYTES : 0);
        byte[] out = new byte[headerLength + len];
        out[0] = (byte) ((fin ? FIN : 0) | (rsv << RSV_SHIFT) | opcode);
        int maskBit = masked ? MASK : 0;
        int p = 2;
        if (extended == 0) {
            out[1] = (byte) (maskBit | len);
        } else if (extended == 2) {
            out[1] = (byte) (maskBit | LENGTH_16_BIT);
            out[p++] = (byte) (len >>> 8);
            out[p++] = (byte) len;
        } else {
            out[1] = (byte) (maskBit | LENGTH_64_BIT);
            // A Java array length fits in 31 bits: the upper four bytes are zero, the top bit clear.
            p += 4;
            out[p++] = (byte) (len >>> 24);
            out[p++] = (byte) (len >>> 16);
            out[p++] = (byte) (len >>> 8);
            out[p++] = (byte) len;
        }
        if (masked) {
            out[p++] = (byte) (maskKey >>> 24);
            out[p++] = (byte) (maskKey >>> 16);
            out[p++] = (byte) (maskKey >>> 8);
            out[p++] = (byte) maskKey;
            Masking.maskCopy(payload, off, out, p, len, maskKey, 0);
        } else {
            System.arraycopy(payload, off, out, p, len);
        }
        return out;
    }
}
