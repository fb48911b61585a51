package io.wsproto.interop.conformance;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Queue;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

/**
 * Reads what the implementation under test sends and checks that it keeps the sender's rules of RFC 6455
 * §5 and RFC 7692 §6: masking by role, reserved bits, opcodes, control frame size and fragmentation,
 * continuation order, valid UTF-8 in text and close reasons, and sendable close codes.
 */
final class Reader {
    private static final byte[] TAIL = {0, 0, (byte) 0xFF, (byte) 0xFF};

    private final boolean sutIsClient;
    private final Deflate deflate;
    private final Inflater inflater = new Inflater(true);
    private final Queue<Seen> seen = new ArrayDeque<>();
    private byte[] buffer = new byte[0];
    private int messageOpcode = -1;
    private boolean compressed;
    private final ByteArrayOutputStream message = new ByteArrayOutputStream();

    Reader(boolean sutIsClient, Deflate deflate) {
        this.sutIsClient = sutIsClient;
        this.deflate = deflate;
    }

    /** Adds bytes from the wire and parses every complete frame. */
    void feed(byte[] bytes) throws SutViolation {
        byte[] joined = new byte[buffer.length + bytes.length];
        System.arraycopy(buffer, 0, joined, 0, buffer.length);
        System.arraycopy(bytes, 0, joined, buffer.length, bytes.length);
        buffer = joined;
        int used;
        while ((used = parse(buffer)) > 0) {
            byte[] rest = new byte[buffer.length - used];
            System.arraycopy(buffer, used, rest, 0, rest.length);
            buffer = rest;
        }
    }

    Seen poll() {
        return seen.poll();
    }

    /** Parses one frame at the start of {@code b}; returns the bytes it used, or 0 if it is not complete. */
    private int parse(byte[] b) throws SutViolation {
        if (b.length < 2) {
            return 0;
        }
        boolean fin = (b[0] & 0x80) != 0;
        int rsv = (b[0] >> 4) & 7;
        int opcode = b[0] & 0xF;
        boolean masked = (b[1] & 0x80) != 0;
        int len7 = b[1] & 0x7F;
        int pos = 2;
        long length = len7;
        if (len7 == 126) {
            if (b.length < 4) {
                return 0;
            }
            length = (b[2] & 0xFF) << 8 | (b[3] & 0xFF);
            pos = 4;
            if (length < 126) {
                throw new SutViolation("sent a 16-bit length for " + length + " bytes (§5.2: the minimal form MUST be used)");
            }
        } else if (len7 == 127) {
            if (b.length < 10) {
                return 0;
            }
            length = ByteBuffer.wrap(b, 2, 8).getLong();
            pos = 10;
            if (length < 0 || length > Integer.MAX_VALUE - 16) {
                throw new SutViolation("sent a frame length of " + Long.toUnsignedString(length) + " (§5.2)");
            }
            if (length <= 0xFFFF) {
                throw new SutViolation("sent a 64-bit length for " + length + " bytes (§5.2: the minimal form MUST be used)");
            }
        }
        if (masked != sutIsClient) {
            throw new SutViolation(sutIsClient ? "sent an unmasked frame (§5.3: a client MUST mask every frame)"
                    : "sent a masked frame (§5.1: a server MUST NOT mask any frame)");
        }
        byte[] key = null;
        if (masked) {
            if (b.length < pos + 4) {
                return 0;
            }
            key = new byte[] {b[pos], b[pos + 1], b[pos + 2], b[pos + 3]};
            pos += 4;
        }
        if (b.length < pos + length) {
            return 0;
        }
        byte[] payload = new byte[(int) length];
        System.arraycopy(b, pos, payload, 0, payload.length);
        if (key != null) {
            for (int i = 0; i < payload.length; i++) {
                payload[i] ^= key[i & 3];
            }
        }
        frame(fin, rsv, opcode, payload);
        return pos + payload.length;
    }

    private void frame(boolean fin, int rsv, int opcode, byte[] payload) throws SutViolation {
        boolean control = opcode >= 8;
        if (opcode > 2 && opcode < 8 || opcode > 10) {
            throw new SutViolation("sent reserved opcode " + opcode + " (§5.2)");
        }
        boolean rsv1Allowed = deflate != null && (opcode == Frame.TEXT || opcode == Frame.BINARY);
        if ((rsv & ~(rsv1Allowed ? 4 : 0)) != 0) {
            throw new SutViolation("sent RSV bits " + Integer.toBinaryString(rsv) + " on opcode " + opcode
                    + (deflate == null ? " without an extension that defines them (§5.2)" : " (RFC 7692 §6: RSV1 only on a message's first frame)"));
        }
        if (control) {
            if (!fin) {
                throw new SutViolation("sent a fragmented control frame (§5.5)");
            }
            if (payload.length > 125) {
                throw new SutViolation("sent a control frame of " + payload.length + " bytes (§5.5: at most 125)");
            }
            control(opcode, payload);
            return;
        }
        if (opcode == Frame.CONTINUATION) {
            if (messageOpcode < 0) {
                throw new SutViolation("sent a continuation frame with no message in progress (§5.4)");
            }
        } else {
            if (messageOpcode >= 0) {
                throw new SutViolation("started a new message before finishing the last (§5.4)");
            }
            messageOpcode = opcode;
            compressed = (rsv & 4) != 0;
            message.reset();
        }
        message.writeBytes(payload);
        if (fin) {
            byte[] data = compressed ? inflate(message.toByteArray()) : message.toByteArray();
            if (messageOpcode == Frame.TEXT) {
                checkUtf8(data, "a text message");
                seen.add(Seen.text(data));
            } else {
                seen.add(Seen.binary(data));
            }
            messageOpcode = -1;
        }
    }

    private void control(int opcode, byte[] payload) throws SutViolation {
        if (opcode == Frame.PING) {
            seen.add(Seen.ping(payload));
        } else if (opcode == Frame.PONG) {
            seen.add(Seen.pong(payload));
        } else if (payload.length == 0) {
            seen.add(new Seen.Close(-1, ""));
        } else if (payload.length == 1) {
            throw new SutViolation("sent a close frame with a 1-byte payload (§5.5.1)");
        } else {
            int code = (payload[0] & 0xFF) << 8 | (payload[1] & 0xFF);
            if (!sendable(code)) {
                throw new SutViolation("sent close code " + code + ", which no endpoint may send (§7.4)");
            }
            byte[] reason = new byte[payload.length - 2];
            System.arraycopy(payload, 2, reason, 0, reason.length);
            checkUtf8(reason, "a close reason");
            seen.add(new Seen.Close(code, new String(reason, StandardCharsets.UTF_8)));
        }
    }

    /** Codes an endpoint may put in a close frame (§7.4.1, §7.4.2, and the IANA registry of §11.7). */
    static boolean sendable(int code) {
        return code >= 1000 && code <= 1003 || code >= 1007 && code <= 1014 || code >= 3000 && code <= 4999;
    }

    private static void checkUtf8(byte[] data, String what) throws SutViolation {
        try {
            StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(data));
        } catch (CharacterCodingException e) {
            throw new SutViolation("sent " + what + " that is not valid UTF-8 (§8.1)");
        }
    }

    private byte[] inflate(byte[] data) throws SutViolation {
        if (deflate == null) {
            throw new SutViolation("sent a compressed message without permessage-deflate");
        }
        inflater.setInput(concat(data, TAIL));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] chunk = new byte[16384];
        try {
            int n;
            while ((n = inflater.inflate(chunk)) > 0
                    || !inflater.needsInput() && !inflater.finished() && !inflater.needsDictionary()) {
                out.write(chunk, 0, n);
                if (out.size() > 64 << 20) {
                    throw new SutViolation("sent a message that inflates beyond 64 MiB");
                }
            }
        } catch (DataFormatException e) {
            throw new SutViolation("sent a compressed message that does not inflate"
                    + (deflate.sutNoContextTakeover() ? " on its own (it was agreed not to use context takeover, RFC 7692 §7.1.1)" : "")
                    + ": " + e.getMessage());
        }
        if (deflate.sutNoContextTakeover() || inflater.finished()) {
            inflater.reset();
        }
        return out.toByteArray();
    }

    static byte[] concat(byte[] a, byte[] b) {
        byte[] r = new byte[a.length + b.length];
        System.arraycopy(a, 0, r, 0, a.length);
        System.arraycopy(b, 0, r, a.length, b.length);
        return r;
    }
}
