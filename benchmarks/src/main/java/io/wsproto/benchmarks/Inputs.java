package io.wsproto.benchmarks;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Random;

/** The same inputs for every implementation: payloads, and masked client frames built byte by byte. */
final class Inputs {
    /** Small frames are batched so that one operation decodes about this many bytes. */
    static final int BATCH_BYTES = 64 * 1024;
    /** The large reads of {@link BigReadDecodeBenchmark}: a user's loop handed a whole 4 MiB buffer at once. */
    static final int BIG_READ_BYTES = 4 * 1024 * 1024;

    private Inputs() {
    }

    /** A payload of exactly {@code size} bytes: random binary, ASCII text, or mixed 1- to 4-byte UTF-8. */
    static byte[] payload(String kind, int size) {
        Random random = new Random(size);
        switch (kind) {
            case "binary" -> {
                byte[] b = new byte[size];
                random.nextBytes(b);
                return b;
            }
            case "ascii" -> {
                byte[] b = new byte[size];
                for (int i = 0; i < size; i++) {
                    b[i] = (byte) (' ' + random.nextInt(95));
                }
                return b;
            }
            default -> {
                StringBuilder s = new StringBuilder();
                String[] pieces = {"a", "é", "€", "𝄞"};
                for (int left = size; left > 0; ) {
                    int width = 1 + random.nextInt(Math.min(4, left));
                    s.append(pieces[width - 1]);
                    left -= width;
                }
                return s.toString().getBytes(StandardCharsets.UTF_8);
            }
        }
    }

    /** {@code count} masked frames (text or binary) with this payload, back to back. */
    static byte[] maskedFrames(byte[] payload, boolean text, int count) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Random random = new Random(42);
        for (int f = 0; f < count; f++) {
            out.write(0x80 | (text ? 0x1 : 0x2));
            int len = payload.length;
            if (len < 126) {
                out.write(0x80 | len);
            } else if (len <= 0xFFFF) {
                out.write(0x80 | 126);
                out.write(len >>> 8);
                out.write(len);
            } else {
                out.write(0x80 | 127);
                for (int shift = 56; shift >= 0; shift -= 8) {
                    out.write((int) ((long) len >>> shift));
                }
            }
            byte[] key = new byte[4];
            random.nextBytes(key);
            out.write(key, 0, 4);
            for (int i = 0; i < len; i++) {
                out.write(payload[i] ^ key[i & 3]);
            }
        }
        return out.toByteArray();
    }

    static int framesPerBatch(int size) {
        return framesPerBatch(size, BATCH_BYTES);
    }

    static int framesPerBatch(int size, int batchBytes) {
        return Math.max(1, batchBytes / Math.max(size, 1));
    }
}
