package io.wsproto.interop.conformance;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;

/**
 * One WebSocket frame as the tester writes it: written here from RFC 6455 §5.2, independently of the
 * library under test, so the catalogue can send what no well-behaved encoder would.
 */
record Frame(boolean fin, int rsv, int opcode, byte[] payload) {
    static final int CONTINUATION = 0x0;
    static final int TEXT = 0x1;
    static final int BINARY = 0x2;
    static final int CLOSE = 0x8;
    static final int PING = 0x9;
    static final int PONG = 0xA;
    static final int RSV1 = 4;
    static final int RSV2 = 2;
    static final int RSV3 = 1;

    private static final SecureRandom RANDOM = new SecureRandom();

    static Frame text(String text) {
        return new Frame(true, 0, TEXT, utf8(text));
    }

    static Frame binary(byte[] data) {
        return new Frame(true, 0, BINARY, data);
    }

    static Frame ping(byte[] payload) {
        return new Frame(true, 0, PING, payload);
    }

    static Frame pong(byte[] payload) {
        return new Frame(true, 0, PONG, payload);
    }

    /** A close frame with a status code and a reason (§5.5.1); code -1 means an empty payload. */
    static Frame close(int code, byte[] reason) {
        if (code < 0) {
            return new Frame(true, 0, CLOSE, new byte[0]);
        }
        byte[] p = new byte[2 + reason.length];
        p[0] = (byte) (code >> 8);
        p[1] = (byte) code;
        System.arraycopy(reason, 0, p, 2, reason.length);
        return new Frame(true, 0, CLOSE, p);
    }

    static Frame close(int code) {
        return close(code, new byte[0]);
    }

    Frame notFinal() {
        return new Frame(false, rsv, opcode, payload);
    }

    Frame withRsv(int bits) {
        return new Frame(fin, bits, opcode, payload);
    }

    static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    /** The frame on the wire with the shortest length form (§5.2), masked with a random key when {@code mask}. */
    byte[] encode(boolean mask) {
        int n = payload.length;
        return encode(mask, n <= 125 ? 0 : n <= 0xFFFF ? 2 : 8);
    }

    /**
     * The frame with the payload length in the given extended form: 0 (7-bit), 2 (16-bit) or 8 (64-bit),
     * which lets a case send a length in a longer form than §5.2 allows.
     */
    byte[] encode(boolean mask, int lengthBytes) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(payload.length + 14);
        out.write((fin ? 0x80 : 0) | (rsv & 7) << 4 | (opcode & 0xF));
        int maskBit = mask ? 0x80 : 0;
        long n = payload.length;
        if (lengthBytes == 0) {
            out.write(maskBit | (int) n);
        } else if (lengthBytes == 2) {
            out.write(maskBit | 126);
            out.write((int) (n >> 8) & 0xFF);
            out.write((int) n & 0xFF);
        } else {
            out.write(maskBit | 127);
            for (int shift = 56; shift >= 0; shift -= 8) {
                out.write((int) (n >> shift) & 0xFF);
            }
        }
        byte[] key = new byte[4];
        if (mask) {
            RANDOM.nextBytes(key);
            out.writeBytes(key);
        }
        byte[] body = payload.clone();
        if (mask) {
            for (int i = 0; i < body.length; i++) {
                body[i] ^= key[i & 3];
            }
        }
        out.writeBytes(body);
        return out.toByteArray();
    }

    /** A frame header alone declaring {@code length} payload bytes: for cases about lengths never sent in full. */
    static byte[] header(boolean fin, int opcode, long length, boolean mask) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(14);
        out.write((fin ? 0x80 : 0) | opcode);
        out.write((mask ? 0x80 : 0) | 127);
        for (int shift = 56; shift >= 0; shift -= 8) {
            out.write((int) (length >>> shift) & 0xFF);
        }
        if (mask) {
            out.writeBytes(new byte[4]);
        }
        return out.toByteArray();
    }

    @Override
    public String toString() {
        return "Frame[fin=" + fin + ", rsv=" + rsv + ", opcode=" + opcode + ", " + payload.length + " bytes]";
    }
}
