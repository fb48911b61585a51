package io.wsproto.frame;

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
        int extended = len < 126 ? 0 : len <= 0xFFFF ? 2 : 8;
        int headerLength = 2 + extended + (masked ? 4 : 0);
        byte[] out = new byte[headerLength + len];
        out[0] = (byte) ((fin ? 0x80 : 0) | (rsv << 4) | opcode);
        int maskBit = masked ? 0x80 : 0;
        int p = 2;
        if (extended == 0) {
            out[1] = (byte) (maskBit | len);
        } else if (extended == 2) {
            out[1] = (byte) (maskBit | 126);
            out[p++] = (byte) (len >>> 8);
            out[p++] = (byte) len;
        } else {
            out[1] = (byte) (maskBit | 127);
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
