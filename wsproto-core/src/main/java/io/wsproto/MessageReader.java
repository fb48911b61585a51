package io.wsproto;

import io.wsproto.events.BytesMessage;
import io.wsproto.events.CloseConnection;
import io.wsproto.events.Event;
import io.wsproto.events.Ping;
import io.wsproto.events.Pong;
import io.wsproto.events.TextMessage;
import io.wsproto.extensions.Extension;
import io.wsproto.frame.FrameReader;
import io.wsproto.frame.Opcode;
import io.wsproto.frame.ProtocolViolation;
import io.wsproto.frame.Utf8Validator;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The message-level rules on top of the {@link FrameReader}'s frame rules: fragments continue the message
 * they belong to (RFC 6455 §5.4), RSV bits only as negotiated extensions claim them (§5.2), the message-size
 * limit after decompression, text that is valid UTF-8 delivered in whole characters (§8.1), and a close
 * frame's code and reason (§5.5.1). What it reads becomes events for its {@link Sink}.
 */
final class MessageReader implements FrameReader.Handler {
    /** Where events go. */
    interface Sink {
        /** A message part, ping or pong, holding {@code payloadBytes} of the peer's data. */
        void deliver(Event event, int payloadBytes) throws ProtocolViolation;

        /** The peer's close: the last thing read. */
        void close(CloseConnection close);
    }

    private static final int NO_MESSAGE = -1;
    /** Text pieces up to this size are unmasked into a reused array and decoded from there; larger ones get their own. */
    private static final int MAX_SCRATCH = 64 * 1024;

    private final List<Extension> extensions;
    private final Limits limits;
    private final Sink sink;

    // The message being received.
    private int opcode = NO_MESSAGE;
    private boolean fin;
    private long size;
    private List<Extension> decoders = List.of();
    private Utf8Validator utf8;
    /** The bytes of a character split between pieces (at most 3), waiting for the rest. */
    private byte[] carry;
    private int carryLength;
    /** Where text is unmasked before it becomes a String; grows up to {@link #MAX_SCRATCH}. */
    private byte[] scratch;

    MessageReader(List<Extension> extensions, Limits limits, Sink sink) {
        this.extensions = extensions;
        this.limits = limits;
        this.sink = sink;
    }

    @Override
    public void onFrameHeader(int frameOpcode, boolean frameFin, int rsv, long payloadLength) throws ProtocolViolation {
        if (Opcode.isControl(frameOpcode)) {
            if (rsv != 0) {
                throw new ProtocolViolation(CloseCode.PROTOCOL_ERROR, "RSV bits set on a " + Opcode.name(frameOpcode) + " frame");
            }
            return;
        }
        if (frameOpcode == Opcode.CONTINUATION) {
            if (opcode == NO_MESSAGE) {
                throw new ProtocolViolation(CloseCode.PROTOCOL_ERROR, "continuation frame without a message to continue");
            }
            if (rsv != 0) {
                throw new ProtocolViolation(CloseCode.PROTOCOL_ERROR, "RSV bits set on a continuation frame");
            }
        } else {
            if (opcode != NO_MESSAGE) {
                throw new ProtocolViolation(CloseCode.PROTOCOL_ERROR,
                        "new " + Opcode.name(frameOpcode) + " frame inside a fragmented message; expected a continuation frame");
            }
            startMessage(frameOpcode, rsv);
        }
        fin = frameFin;
        if (decoders.isEmpty() && counted() + payloadLength > limits.maxMessageSize()) {
            throw tooBig(counted() + payloadLength);
        }
    }

    private void startMessage(int frameOpcode, int rsv) throws ProtocolViolation {
        int claimed = 0;
        List<Extension> claimants = List.of(); // no allocation for the common message without extensions
        for (int i = 0; i < extensions.size(); i++) { // indexed: no iterator per message
            Extension e = extensions.get(i);
            if ((rsv & e.rsvBits()) != 0) {
                claimed |= e.rsvBits();
                claimants = prepend(e, claimants); // extensions decode in the reverse of the order they were negotiated in (§9)
            }
        }
        if ((rsv & ~claimed) != 0) {
            throw new ProtocolViolation(CloseCode.PROTOCOL_ERROR,
                    "RSV bits 0b" + Integer.toBinaryString(rsv) + " set without a negotiated extension that uses them");
        }
        opcode = frameOpcode;
        size = 0;
        decoders = claimants;
        if (frameOpcode == Opcode.TEXT) {
            if (utf8 == null) {
                utf8 = new Utf8Validator();
            }
            utf8.reset();
            carryLength = 0;
        }
    }

    @Override
    public byte[] payloadArray(int length) {
        if (opcode != Opcode.TEXT || !decoders.isEmpty() || length > MAX_SCRATCH) {
            return new byte[length]; // kept: a binary payload, or the input of a decoder
        }
        if (scratch == null || scratch.length < length) {
            scratch = new byte[Math.min(MAX_SCRATCH, Math.max(length, 2 * (scratch == null ? 64 : scratch.length)))];
        }
        return scratch;
    }

    @Override
    public void onDataPayload(byte[] piece, int length, boolean frameEnd) throws ProtocolViolation {
        boolean messageEnd = frameEnd && fin;
        byte[] data = piece;
        int dataLength = length;
        for (int i = 0; i < decoders.size(); i++) {
            data = decoders.get(i).decode(data, 0, dataLength, messageEnd, limits.maxMessageSize() - counted());
            dataLength = data.length;
        }
        if (limits.perPart() ? dataLength > limits.maxMessageSize() : size + dataLength > limits.maxMessageSize()) {
            throw tooBig(counted() + dataLength);
        }
        size += dataLength;
        int messageOpcode = opcode;
        if (messageEnd) {
            opcode = NO_MESSAGE;
        }
        if (messageOpcode == Opcode.TEXT) {
            String text = decodeText(data, dataLength, messageEnd);
            if (!text.isEmpty() || frameEnd) {
                sink.deliver(new TextMessage(text, frameEnd, messageEnd), dataLength);
            }
        } else if (dataLength > 0 || frameEnd) {
            sink.deliver(new BytesMessage(data, frameEnd, messageEnd), dataLength); // the array is exactly the payload
        }
    }

    /** Validates a piece of text and returns the whole characters in it; a split character waits for its end. */
    private String decodeText(byte[] data, int length, boolean messageEnd) throws ProtocolViolation {
        if (carryLength == 0) {
            // Fast path: the JDK's decoder turns every ill-formed sequence (overlong, surrogate, beyond
            // U+10FFFF, cut off at the end) into U+FFFD. Without one in the result, the piece was valid
            // UTF-8 ending on a character boundary, and the validator, at a boundary, stays there.
            String text = new String(data, 0, length, StandardCharsets.UTF_8);
            if (text.indexOf('\uFFFD') < 0) {
                return text;
            }
        }
        int bad = utf8.feed(data, 0, length);
        if (bad >= 0) {
            throw new ProtocolViolation(CloseCode.INVALID_FRAME_PAYLOAD_DATA,
                    "invalid UTF-8 in text message at byte " + (size - length + bad));
        }
        if (messageEnd && !utf8.isComplete()) {
            throw new ProtocolViolation(CloseCode.INVALID_FRAME_PAYLOAD_DATA, "text message ends inside a UTF-8 sequence");
        }
        byte[] bytes = data;
        int total = length;
        if (carryLength > 0) {
            bytes = new byte[carryLength + length];
            System.arraycopy(carry, 0, bytes, 0, carryLength);
            System.arraycopy(data, 0, bytes, carryLength, length);
            total = bytes.length;
        }
        int whole = total - utf8.pendingBytes();
        carryLength = total - whole;
        if (carryLength > 0) {
            if (carry == null) {
                carry = new byte[3];
            }
            System.arraycopy(bytes, whole, carry, 0, carryLength);
        }
        return new String(bytes, 0, whole, StandardCharsets.UTF_8);
    }

    @Override
    public void onControlFrame(int frameOpcode, byte[] payload) throws ProtocolViolation {
        switch (frameOpcode) {
            case Opcode.PING -> sink.deliver(new Ping(payload), payload.length);
            case Opcode.PONG -> sink.deliver(new Pong(payload), payload.length);
            default -> sink.close(readClose(payload));
        }
    }

    private static CloseConnection readClose(byte[] payload) throws ProtocolViolation {
        if (payload.length == 0) {
            return new CloseConnection(CloseCode.NO_STATUS_RCVD, "", CloseConnection.Origin.PEER);
        }
        if (payload.length == 1) {
            throw new ProtocolViolation(CloseCode.PROTOCOL_ERROR, "close frame with a 1-byte payload");
        }
        int code = ((payload[0] & 0xFF) << 8) | (payload[1] & 0xFF);
        if (!CloseCode.isAllowedOnWire(code)) {
            throw new ProtocolViolation(CloseCode.PROTOCOL_ERROR, "close code " + code + " is not allowed on the wire");
        }
        Utf8Validator v = new Utf8Validator();
        if (v.feed(payload, 2, payload.length - 2) >= 0 || !v.isComplete()) {
            throw new ProtocolViolation(CloseCode.INVALID_FRAME_PAYLOAD_DATA, "close reason is not valid UTF-8");
        }
        return new CloseConnection(code, new String(payload, 2, payload.length - 2, StandardCharsets.UTF_8), CloseConnection.Origin.PEER);
    }

    private static List<Extension> prepend(Extension first, List<Extension> rest) {
        if (rest.isEmpty()) {
            return List.of(first);
        }
        List<Extension> list = new ArrayList<>(rest.size() + 1);
        list.add(first);
        list.addAll(rest);
        return list;
    }

    /** What the message-size bound is checked against: the message so far, or nothing when it bounds each part. */
    private long counted() {
        return limits.perPart() ? 0 : size;
    }

    private ProtocolViolation tooBig(long bytes) {
        return new ProtocolViolation(CloseCode.MESSAGE_TOO_BIG, (limits.perPart() ? "message part of " : "message of ")
                + bytes + "+ bytes exceeds the limit of " + limits.maxMessageSize());
    }
}
