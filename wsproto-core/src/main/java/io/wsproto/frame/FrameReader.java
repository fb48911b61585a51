package io.wsproto.frame;

import static io.wsproto.frame.FrameFormat.FIN;
import static io.wsproto.frame.FrameFormat.LENGTH_16_BIT;
import static io.wsproto.frame.FrameFormat.LENGTH_64_BIT;
import static io.wsproto.frame.FrameFormat.LENGTH_MASK;
import static io.wsproto.frame.FrameFormat.MASK;
import static io.wsproto.frame.FrameFormat.MAX_16_BIT_LENGTH;
import static io.wsproto.frame.FrameFormat.MAX_CONTROL_PAYLOAD;
import static io.wsproto.frame.FrameFormat.MAX_HEADER_BYTES;
import static io.wsproto.frame.FrameFormat.MAX_SHORT_LENGTH;
import static io.wsproto.frame.FrameFormat.OPCODE_MASK;
import static io.wsproto.frame.FrameFormat.RSV_MASK;
import static io.wsproto.frame.FrameFormat.RSV_SHIFT;
import static io.wsproto.frame.FrameFormat.headerLength;

import io.wsproto.CloseCode;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Parses frames (RFC 6455 §5.2) straight from the caller's buffers, with the rules that a single frame
 * header decides: defined opcodes, masking by role, minimal payload-length encoding, control frames short
 * and unfragmented, and the frame-size limit. Rules that need the message context (fragment sequencing,
 * RSV bits, UTF-8) belong to the {@link Handler}.
 *
 * <p>Data payload is handed on as it arrives, unmasked into an array the handler gives, so no data frame is
 * ever held whole; a control frame (at most 125 bytes) is collected and handed on complete. The only bytes
 * kept between calls are a split header (at most 14 bytes) and a partial control frame.
 */
public final class FrameReader {
    /** Receives what the reader parses; may throw to fail the connection. */
    public interface Handler {
        /** A frame header is complete. {@code rsv} holds RSV1-3 as the three bits 0b100, 0b010, 0b001. */
        void onFrameHeader(int opcode, boolean fin, int rsv, long payloadLength) throws ProtocolViolation;

        /**
         * Where to unmask the next piece of a data frame's payload: an array of at least {@code length} bytes,
         * fresh when the piece is to be kept (a binary event's payload), or the handler's own scratch when it
         * only reads the bytes (text it decodes into a String).
         */
        byte[] payloadArray(int length);

        /** A piece of a data frame's payload, unmasked into the first {@code length} bytes of {@code piece}. */
        void onDataPayload(byte[] piece, int length, boolean frameEnd) throws ProtocolViolation;

        /** The whole, unmasked payload of a control frame. */
        void onControlFrame(int opcode, byte[] payload) throws ProtocolViolation;
    }

    private static final byte[] EMPTY = new byte[0];
    // Network byte order views of a byte array, for the extended lengths and the mask key.
    private static final VarHandle SHORT = MethodHandles.byteArrayViewVarHandle(short[].class, ByteOrder.BIG_ENDIAN);
    private static final VarHandle INT = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.BIG_ENDIAN);
    private static final VarHandle LONG = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);

    private final boolean expectMasked;
    private final long maxFramePayload;

    /**
     * The header being parsed when it is not in a heap array: copied out of a direct buffer, or collected
     * across reads when it was split between them ({@link #headerHave} bytes so far).
     */
    private final byte[] header = new byte[MAX_HEADER_BYTES];
    private int headerHave;

    private boolean inPayload;
    private int opcode;
    private long length;
    private long remaining;
    private boolean masked;
    private int maskKey;
    private byte[] control;

    /**
     * @param expectMasked true on the server, which requires masked frames; false on the client, which
     *     rejects them
     */
    public FrameReader(boolean expectMasked, long maxFramePayload) {
        this.expectMasked = expectMasked;
        this.maxFramePayload = maxFramePayload;
    }

    /** Consumes bytes from {@code src} up to the end of one header or one payload piece. */
    public void step(ByteBuffer src, Handler handler) throws ProtocolViolation {
        if (inPayload) {
            readPayload(src, handler);
        } else if (headerHave == 0) {
            readHeaderInPlace(src, handler);
        } else {
            readSplitHeader(src, handler);
        }
    }

    /** Whether the reader stands between frames, holding nothing. */
    public boolean atFrameBoundary() {
        return !inPayload && headerHave == 0;
    }

    /** A header that lies whole in {@code src} is parsed where it is (a heap array) or from a copy of its bytes. */
    private void readHeaderInPlace(ByteBuffer src, Handler handler) throws ProtocolViolation {
        int p = src.position();
        int available = src.remaining();
        if (available >= 2) {
            int need = headerLength(src.get(p + 1));
            if (available >= need) {
                if (src.hasArray()) {
                    parseHeader(src.array(), src.arrayOffset() + p, handler);
                } else {
                    src.get(p, header, 0, need);
                    parseHeader(header, 0, handler);
                }
                src.position(p + need);
                return;
            }
        }
        readSplitHeader(src, handler);
    }

    private void readSplitHeader(ByteBuffer src, Handler handler) throws ProtocolViolation {
        while (src.hasRemaining()) {
            header[headerHave++] = src.get();
            if (headerHave >= 2 && headerHave == headerLength(header[1])) {
                headerHave = 0;
                parseHeader(header, 0, handler);
                return;
            }
        }
    }

    private void parseHeader(byte[] b, int p, Handler handler) throws ProtocolViolation {
        int b0 = b[p] & 0xFF;
        int b1 = b[p + 1] & 0xFF;
        boolean fin = (b0 & FIN) != 0;
        int rsv = (b0 & RSV_MASK) >> RSV_SHIFT;
        int op = b0 & OPCODE_MASK;
        if (!Opcode.isDefined(op)) {
            throw new ProtocolViolation(CloseCode.PROTOCOL_ERROR, Opcode.name(op) + " is not defined");
        }
        boolean isMasked = (b1 & MASK) != 0;
        if (isMasked != expectMasked) {
            throw new ProtocolViolation(CloseCode.PROTOCOL_ERROR,
                    expectMasked ? "frames from a client must be masked" : "frames from a server must not be masked");
        }
        int len7 = b1 & LENGTH_MASK;
        int q = p + 2;
        long len;
        if (len7 == LENGTH_16_BIT) {
            len = (int) SHORT.get(b, q) & MAX_16_BIT_LENGTH;
            q += 2;
            if (len <= MAX_SHORT_LENGTH) {
                throw nonMinimalLength(len, "16-bit");
            }
        } else if (len7 == LENGTH_64_BIT) {
            len = (long) LONG.get(b, q);
            q += 8;
            if (len < 0) {
                throw new ProtocolViolation(CloseCode.PROTOCOL_ERROR,
                        "64-bit payload length has its most significant bit set");
            }
            if (len <= MAX_16_BIT_LENGTH) {
                throw nonMinimalLength(len, "64-bit");
            }
        } else {
            len = len7;
        }
        if (Opcode.isControl(op)) {
            if (!fin) {
                throw new ProtocolViolation(CloseCode.PROTOCOL_ERROR, "fragmented " + Opcode.name(op) + " frame");
            }
            if (len > MAX_CONTROL_PAYLOAD) {
                throw new ProtocolViolation(CloseCode.PROTOCOL_ERROR,
                        Opcode.name(op) + " frame payload of " + len + " bytes exceeds " + MAX_CONTROL_PAYLOAD);
            }
        }
        if (len > maxFramePayload) {
            throw new ProtocolViolation(CloseCode.MESSAGE_TOO_BIG,
                    "frame payload of " + len + " bytes exceeds the limit of " + maxFramePayload);
        }
        handler.onFrameHeader(op, fin, rsv, len);

        opcode = op;
        length = len;
        remaining = len;
        masked = isMasked;
        maskKey = isMasked ? (int) INT.get(b, q) : 0;
        if (len == 0) {
            deliverEmpty(handler);
        } else {
            inPayload = true;
            if (Opcode.isControl(op)) {
                control = new byte[(int) len];
            }
        }
    }

    private static ProtocolViolation nonMinimalLength(long len, String form) {
        return new ProtocolViolation(CloseCode.PROTOCOL_ERROR,
                "payload length " + len + " sent in the " + form + " form; the minimal form is required");
    }

    private void deliverEmpty(Handler handler) throws ProtocolViolation {
        if (Opcode.isControl(opcode)) {
            handler.onControlFrame(opcode, EMPTY);
        } else {
            handler.onDataPayload(EMPTY, 0, true);
        }
    }

    private void readPayload(ByteBuffer src, Handler handler) throws ProtocolViolation {
        int n = (int) Math.min(remaining, src.remaining());
        if (n == 0) {
            return;
        }
        int offsetInFrame = (int) (length - remaining);
        remaining -= n;
        boolean frameEnd = remaining == 0;
        if (frameEnd) {
            inPayload = false;
        }
        if (control != null) {
            unmaskInto(src, control, offsetInFrame, n, offsetInFrame);
            if (frameEnd) {
                byte[] payload = control;
                control = null;
                handler.onControlFrame(opcode, payload);
            }
        } else {
            byte[] piece = handler.payloadArray(n);
            unmaskInto(src, piece, 0, n, offsetInFrame);
            handler.onDataPayload(piece, n, frameEnd);
        }
    }

    private void unmaskInto(ByteBuffer src, byte[] dst, int dstOff, int n, int offsetInFrame) {
        int p = src.position();
        if (src.hasArray()) {
            byte[] a = src.array();
            int from = src.arrayOffset() + p;
            if (masked) {
                Masking.maskCopy(a, from, dst, dstOff, n, maskKey, offsetInFrame);
            } else {
                System.arraycopy(a, from, dst, dstOff, n);
            }
        } else {
            src.get(p, dst, dstOff, n);
            if (masked) {
                Masking.maskCopy(dst, dstOff, dst, dstOff, n, maskKey, offsetInFrame);
            }
        }
        src.position(p + n);
    }
}
