package io.wsproto.frame;

/** Frame opcodes (RFC 6455 §5.2, §11.8) and the rules that follow from them. */
public final class Opcode {
    /** Continues a fragmented message. */
    public static final int CONTINUATION = 0x0;
    /** A text message (UTF-8). */
    public static final int TEXT = 0x1;
    /** A binary message. */
    public static final int BINARY = 0x2;
    /** The close frame. */
    public static final int CLOSE = 0x8;
    /** A ping. */
    public static final int PING = 0x9;
    /** A pong. */
    public static final int PONG = 0xA;

    private Opcode() {
    }

    /** Control frames have the high bit of the opcode set (RFC 6455 §5.5). */
    public static boolean isControl(int opcode) {
        return (opcode & 0x8) != 0;
    }

    /** 0x3-0x7 and 0xB-0xF are reserved for future definition. */
    public static boolean isDefined(int opcode) {
        return opcode <= BINARY || (opcode >= CLOSE && opcode <= PONG);
    }

    /** The opcode's name for error messages: "text", "ping", ... or its number when it is not defined. */
    public static String name(int opcode) {
        return switch (opcode) {
            case CONTINUATION -> "continuation";
            case TEXT -> "text";
            case BINARY -> "binary";
            case CLOSE -> "close";
            case PING -> "ping";
            case PONG -> "pong";
            default -> "reserved opcode 0x" + Integer.toHexString(opcode);
        };
    }
}
