package io.wsproto;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/** Builds frames byte by byte for tests, including frames no conforming encoder would make. */
final class Frames {
    static final int MASK_KEY = 0x37FA213D; // the key of RFC 6455 §5.7's examples

    private Frames() {
    }

    /** A masked frame as a client sends it, with the minimal length form. */
    static byte[] client(int opcode, boolean fin, byte[] payload) {
        return raw((fin ? 0x80 : 0) | opcode, payload, true, -1);
    }

    static byte[] client(int opcode, boolean fin, String text) {
        return client(opcode, fin, text.getBytes(StandardCharsets.UTF_8));
    }

    /** An unmasked frame as a server sends it. */
    static byte[] server(int opcode, boolean fin, byte[] payload) {
        return raw((fin ? 0x80 : 0) | opcode, payload, false, -1);
    }

    /**
     * Any frame: {@code firstByte} is FIN, RSV and opcode as on the wire; {@code lengthForm} is 7, 16 or 64
     * to force a length encoding, or -1 for the minimal one.
     */
    static byte[] raw(int firstByte, byte[] payload, boolean masked, int lengthForm) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(firstByte);
        int maskBit = masked ? 0x80 : 0;
        int len = payload.length;
        int form = lengthForm != -1 ? lengthForm : len < 126 ? 7 : len <= 0xFFFF ? 16 : 64;
        if (form == 7) {
            out.write(maskBit | len);
        } else if (form == 16) {
            out.write(maskBit | 126);
            out.write(len >>> 8);
            out.write(len);
        } else {
            out.write(maskBit | 127);
            for (int shift = 56; shift >= 0; shift -= 8) {
                out.write((int) ((long) len >>> shift));
            }
        }
        if (masked) {
            for (int shift = 24; shift >= 0; shift -= 8) {
                out.write(MASK_KEY >>> shift);
            }
            for (int i = 0; i < len; i++) {
                out.write(payload[i] ^ (MASK_KEY >>> (24 - 8 * (i & 3))));
            }
        } else {
            out.write(payload, 0, len);
        }
        return out.toByteArray();
    }

    /** A frame header announcing {@code length} in the 64-bit form, without payload. */
    static byte[] header64(int firstByte, long length, boolean masked) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(firstByte);
        out.write((masked ? 0x80 : 0) | 127);
        for (int shift = 56; shift >= 0; shift -= 8) {
            out.write((int) (length >>> shift));
        }
        if (masked) {
            for (int shift = 24; shift >= 0; shift -= 8) {
                out.write(MASK_KEY >>> shift);
            }
        }
        return out.toByteArray();
    }

    static byte[] closePayload(int code, byte[] reason) {
        byte[] p = new byte[2 + reason.length];
        p[0] = (byte) (code >>> 8);
        p[1] = (byte) code;
        System.arraycopy(reason, 0, p, 2, reason.length);
        return p;
    }

    static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.write(p, 0, p.length);
        }
        return out.toByteArray();
    }

    static byte[] bytes(int... values) {
        byte[] b = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            b[i] = (byte) values[i];
        }
        return b;
    }
}
