package io.wsproto.frame;

/**
 * The bit fields and length forms of RFC 6455 §5.2's base framing, named once for the reader, the writer
 * and the rules that depend on them.
 *
 * <pre>
 *  byte 0: FIN | RSV1 RSV2 RSV3 | opcode (4 bits)
 *  byte 1: MASK | payload length (7 bits): 0-125 itself, 126 then 16 bits, 127 then 64 bits
 *  then the mask key (4 bytes, when MASK is set), then the payload
 * </pre>
 */
public final class FrameFormat {
    /** Byte 0: the final fragment of a message. */
    public static final int FIN = 0x80;
    /** Byte 0: RSV1-3, shifted down by {@link #RSV_SHIFT} to the three bits 0b100, 0b010, 0b001. */
    public static final int RSV_MASK = 0x70;
    /** How far RSV1-3 sit above bit 0. */
    public static final int RSV_SHIFT = 4;
    /** Byte 0: the opcode. */
    public static final int OPCODE_MASK = 0x0F;
    /** Byte 1: the payload is masked. */
    public static final int MASK = 0x80;
    /** Byte 1: the 7-bit payload length or its marker. */
    public static final int LENGTH_MASK = 0x7F;
    /** The largest length written in the 7 bits themselves, and the largest control-frame payload (§5.5). */
    public static final int MAX_SHORT_LENGTH = 125;
    /** The 7-bit marker for a 16-bit length that follows. */
    public static final int LENGTH_16_BIT = 126;
    /** The 7-bit marker for a 64-bit length that follows. */
    public static final int LENGTH_64_BIT = 127;
    /** The largest length the 16-bit form carries. */
    public static final int MAX_16_BIT_LENGTH = 0xFFFF;
    /** The length of a mask key. */
    public static final int MASK_KEY_BYTES = 4;
    /** The longest header: 2 bytes, a 64-bit length, a mask key. */
    public static final int MAX_HEADER_BYTES = 2 + 8 + MASK_KEY_BYTES;
    /** The largest control-frame payload (§5.5). */
    public static final int MAX_CONTROL_PAYLOAD = MAX_SHORT_LENGTH;
    /** A close frame's reason: what is left of a control payload after the 2-byte code (§5.5.1). */
    public static final int MAX_CLOSE_REASON_BYTES = MAX_CONTROL_PAYLOAD - 2;

    private FrameFormat() {
    }

    /** The length of a header whose second byte is {@code secondByte}. */
    public static int headerLength(byte secondByte) {
        int len7 = secondByte & LENGTH_MASK;
        int extended = len7 == LENGTH_16_BIT ? 2 : len7 == LENGTH_64_BIT ? 8 : 0;
        return 2 + extended + ((secondByte & MASK) != 0 ? MASK_KEY_BYTES : 0);
    }
}
