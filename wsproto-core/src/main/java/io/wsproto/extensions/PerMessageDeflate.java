package io.wsproto.extensions;

import io.wsproto.CloseCode;
import io.wsproto.RemoteProtocolError;
import io.wsproto.events.CloseConnection;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import java.util.zip.DataFormatException;
import java.util.zip.Deflater;
import java.util.zip.Inflater;

/**
 * The permessage-deflate extension (RFC 7692) on {@code java.util.zip}'s raw DEFLATE.
 *
 * <p>All four parameters are negotiated in both roles. One limit shapes the negotiation: the JDK's
 * {@link Deflater} always compresses with a 32 KiB window (15 bits) and cannot be told to use less. So this
 * implementation never agrees to compress with a smaller window: a server declines an offer whose
 * {@code server_max_window_bits} is below 15 (letting the next offer, or no compression, win), and a
 * client never offers {@code client_max_window_bits}, which would let the server demand a smaller window.
 * Inflating is unaffected: the {@link Inflater} reads streams made with any window size.
 *
 * <p>Compression state is created on first use and, without context takeover, dropped after each
 * message, so an idle connection holds no zlib memory in that direction.
 */
public final class PerMessageDeflate implements Extension {
    /** The extension token. */
    public static final String NAME = "permessage-deflate";

    private static final String SERVER_NO_CONTEXT_TAKEOVER = "server_no_context_takeover";
    private static final String CLIENT_NO_CONTEXT_TAKEOVER = "client_no_context_takeover";
    private static final String SERVER_MAX_WINDOW_BITS = "server_max_window_bits";
    private static final String CLIENT_MAX_WINDOW_BITS = "client_max_window_bits";
    private static final int RSV1 = 0b100;
    private static final int JDK_WINDOW_BITS = 15;
    /** The tail that a sync flush ends with, removed by the sender and restored by the receiver (§7.2.1-2). */
    private static final byte[] TAIL = {0x00, 0x00, (byte) 0xFF, (byte) 0xFF};
    private static final byte[] EMPTY = new byte[0];

    /**
     * What this side asks for.
     *
     * @param clientNoContextTakeover a client promises, a server demands, that the client compress each
     *     message on its own
     * @param serverNoContextTakeover a client asks, a server declares, that the server compress each
     *     message on its own
     * @param serverMaxWindowBits a client's request for the server's window (8-15), 0 for no request
     * @param compressionLevel the {@link Deflater} level, 0-9
     */
    public record Settings(boolean clientNoContextTakeover, boolean serverNoContextTakeover,
                           int serverMaxWindowBits, int compressionLevel) {
        /** Context takeover both ways, no window size request, zlib's default compression level. */
        public static final Settings DEFAULT = new Settings(false, false, 0, Deflater.DEFAULT_COMPRESSION);

        /**
         * Checks the window request and the level.
         *
         * @throws IllegalArgumentException for a window request outside 8-15 (other than 0) or a level outside -1..9
         */
        public Settings {
            if (serverMaxWindowBits != 0 && (serverMaxWindowBits < 8 || serverMaxWindowBits > 15)) {
                throw new IllegalArgumentException("serverMaxWindowBits must be 8-15 or 0, got " + serverMaxWindowBits);
            }
            if (compressionLevel < -1 || compressionLevel > 9) {
                throw new IllegalArgumentException("compressionLevel must be -1..9, got " + compressionLevel);
            }
        }
    }

    private final Settings settings;
    private boolean enabled;
    private boolean inboundNoContextTakeover;
    private boolean outboundNoContextTakeover;
    private Inflater inflater;
    private Deflater deflater;
    /**
     * After a block with BFINAL set (§7.2.3.4) the sender still appends an empty stored block and removes
     * its last four octets, so one 0x00 may follow before our tail: up to 5 bytes, kept to be checked.
     * {@code afterFinalBlock} counts them, -1 while no final block has been seen in this message.
     */
    private byte[] afterFinal;
    /** Inflate scratch: 4 KiB at first, kept up to 64 KiB (larger messages grow a buffer of their own). */
    private static final int INITIAL_SCRATCH = 4096;
    private static final int MAX_SCRATCH = 64 * 1024;
    private byte[] scratch;
    /** Deflate scratch, kept up to 64 KiB like the inflate one. */
    private byte[] deflateScratch;
    private int afterFinalBlock = -1;

    /** permessage-deflate with the {@link Settings#DEFAULT default settings}. */
    public PerMessageDeflate() {
        this(Settings.DEFAULT);
    }

    /**
     * permessage-deflate with these settings.
     *
     * @param settings what to offer (client) or accept (server)
     */
    public PerMessageDeflate(Settings settings) {
        this.settings = settings;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public boolean enabled() {
        return enabled;
    }

    @Override
    public int rsvBits() {
        return RSV1;
    }

    /** Whether the peer resets its compressor after each message (and so we may reset our inflater). */
    public boolean inboundNoContextTakeover() {
        return inboundNoContextTakeover;
    }

    /** Whether we reset our compressor after each message. */
    public boolean outboundNoContextTakeover() {
        return outboundNoContextTakeover;
    }

    // ---- negotiation (RFC 7692 §5, §7.1) ----

    @Override
    public ExtensionSpec offer() {
        ExtensionSpec offer = new ExtensionSpec(NAME);
        if (settings.clientNoContextTakeover()) {
            offer = offer.with(CLIENT_NO_CONTEXT_TAKEOVER);
        }
        if (settings.serverNoContextTakeover()) {
            offer = offer.with(SERVER_NO_CONTEXT_TAKEOVER);
        }
        if (settings.serverMaxWindowBits() != 0) {
            offer = offer.with(SERVER_MAX_WINDOW_BITS, Integer.toString(settings.serverMaxWindowBits()));
        }
        return offer;
    }

    @Override
    public Optional<ExtensionSpec> accept(ExtensionSpec offer) {
        Params p;
        try {
            p = Params.of(offer);
        } catch (IllegalArgumentException declined) {
            return Optional.empty(); // §5: decline an offer with unknown, repeated or invalid parameters
        }
        if (p.serverMaxWindowBits != 0 && p.serverMaxWindowBits < JDK_WINDOW_BITS) {
            return Optional.empty(); // we cannot compress with a window under 32 KiB
        }
        ExtensionSpec response = new ExtensionSpec(NAME);
        boolean serverNoContext = p.serverNoContextTakeover || settings.serverNoContextTakeover();
        if (serverNoContext) {
            response = response.with(SERVER_NO_CONTEXT_TAKEOVER);
        }
        // §7.1.1.2: a server may demand client_no_context_takeover whether or not it was offered.
        boolean clientNoContext = settings.clientNoContextTakeover();
        if (clientNoContext) {
            response = response.with(CLIENT_NO_CONTEXT_TAKEOVER);
        }
        if (p.serverMaxWindowBits != 0) {
            // §7.1.2.1: accepting a server_max_window_bits offer means answering with it.
            response = response.with(SERVER_MAX_WINDOW_BITS, Integer.toString(JDK_WINDOW_BITS));
        }
        enabled = true;
        outboundNoContextTakeover = serverNoContext;
        inboundNoContextTakeover = clientNoContext;
        return Optional.of(response);
    }

    @Override
    public void acceptResponse(ExtensionSpec response) {
        Params p;
        try {
            p = Params.of(response);
        } catch (IllegalArgumentException e) {
            throw new RemoteProtocolError("permessage-deflate response rejected: " + e.getMessage());
        }
        if (p.clientMaxWindowBitsPresent) {
            throw new RemoteProtocolError("permessage-deflate response has client_max_window_bits, "
                    + "which this client did not offer (RFC 7692 §7.1.2.2)");
        }
        int requested = settings.serverMaxWindowBits();
        if (requested != 0 && p.serverMaxWindowBits == 0) {
            throw new RemoteProtocolError("permessage-deflate response lacks the server_max_window_bits "
                    + "this client asked for (RFC 7692 §7.1.2.1)");
        }
        if (requested != 0 && p.serverMaxWindowBits > requested) {
            throw new RemoteProtocolError("permessage-deflate response has server_max_window_bits="
                    + p.serverMaxWindowBits + ", more than the " + requested + " this client asked for");
        }
        if (settings.serverNoContextTakeover() && !p.serverNoContextTakeover) {
            throw new RemoteProtocolError("permessage-deflate response lacks the server_no_context_takeover "
                    + "this client asked for (RFC 7692 §7.1.1.1)");
        }
        enabled = true;
        inboundNoContextTakeover = p.serverNoContextTakeover;
        outboundNoContextTakeover = p.clientNoContextTakeover || settings.clientNoContextTakeover();
    }

    /** The parameters of one offer or response, checked as §7.1 requires. */
    private static final class Params {
        boolean serverNoContextTakeover;
        boolean clientNoContextTakeover;
        int serverMaxWindowBits;
        boolean clientMaxWindowBitsPresent;

        static Params of(ExtensionSpec spec) {
            Params p = new Params();
            Set<String> seen = new HashSet<>();
            for (ExtensionSpec.Parameter param : spec.parameters()) {
                if (!seen.add(param.name())) {
                    throw new IllegalArgumentException("parameter " + param.name() + " appears twice");
                }
                switch (param.name()) {
                    case SERVER_NO_CONTEXT_TAKEOVER -> p.serverNoContextTakeover = noValue(param);
                    case CLIENT_NO_CONTEXT_TAKEOVER -> p.clientNoContextTakeover = noValue(param);
                    case SERVER_MAX_WINDOW_BITS -> {
                        if (param.value() == null) {
                            throw new IllegalArgumentException("server_max_window_bits needs a value");
                        }
                        p.serverMaxWindowBits = windowBits(param);
                    }
                    case CLIENT_MAX_WINDOW_BITS -> {
                        if (param.value() != null) {
                            windowBits(param);
                        }
                        p.clientMaxWindowBitsPresent = true;
                    }
                    default -> throw new IllegalArgumentException("unknown parameter " + param.name());
                }
            }
            return p;
        }

        private static boolean noValue(ExtensionSpec.Parameter param) {
            if (param.value() != null) {
                throw new IllegalArgumentException(param.name() + " takes no value");
            }
            return true;
        }

        /** A decimal 8-15 without leading zeros (§7.1.2). */
        private static int windowBits(ExtensionSpec.Parameter param) {
            String v = param.value();
            boolean wellFormed = v.length() <= 2 && v.chars().allMatch(Character::isDigit) && v.charAt(0) != '0';
            int bits = wellFormed ? Integer.parseInt(v) : -1;
            if (bits < 8 || bits > 15) {
                throw new IllegalArgumentException(param.name() + "=" + v + " is not a number from 8 to 15");
            }
            return bits;
        }
    }

    // ---- data (RFC 7692 §7.2) ----

    @Override
    public byte[] decode(byte[] piece, int off, int len, boolean endOfMessage, long maxOutput) {
        if (inflater == null) {
            inflater = new Inflater(true);
        }
        Output out = new Output(scratch(), maxOutput);
        try {
            inflate(piece, off, len, out);
            if (endOfMessage) {
                inflate(TAIL, 0, TAIL.length, out);
                if (afterFinalBlock >= 0 && !endsWithEmptyStoredBlock()) {
                    throw violation(CloseCode.INVALID_FRAME_PAYLOAD_DATA, "data after the final deflate block");
                }
                if (inboundNoContextTakeover) {
                    inflater.end();
                    inflater = null;
                } else if (afterFinalBlock >= 0) {
                    inflater.reset(); // the peer ended its stream with a final block: a new one follows
                }
                afterFinalBlock = -1;
            }
        } catch (DataFormatException e) {
            throw violation(CloseCode.INVALID_FRAME_PAYLOAD_DATA, "invalid permessage-deflate data: " + e.getMessage());
        }
        byte[] result = out.bytes();
        if (out.buf.length <= MAX_SCRATCH) {
            scratch = out.buf; // the buffer it grew to serves the next message
        }
        return result;
    }

    /** Where messages are inflated before being copied out at their size: one buffer per connection, kept small. */
    private byte[] scratch() {
        if (scratch == null) {
            scratch = new byte[INITIAL_SCRATCH];
        }
        return scratch;
    }

    private void keepAfterFinal(byte[] in, int off, int len) {
        if (afterFinal == null) {
            afterFinal = new byte[5];
        }
        for (int k = 0; k < len; k++) {
            if (afterFinalBlock == afterFinal.length) {
                throw violation(CloseCode.INVALID_FRAME_PAYLOAD_DATA, "data after the final deflate block");
            }
            afterFinal[afterFinalBlock++] = in[off + k];
        }
    }

    private boolean endsWithEmptyStoredBlock() {
        int n = afterFinalBlock;
        boolean tailOnly = n == 4;
        boolean blockThenTail = n == 5 && afterFinal[0] == 0;
        return (tailOnly || blockThenTail) && Arrays.equals(afterFinal, n - 4, n, TAIL, 0, 4);
    }

    private void inflate(byte[] in, int off, int len, Output out) throws DataFormatException {
        if (afterFinalBlock >= 0) {
            keepAfterFinal(in, off, len);
            return;
        }
        inflater.setInput(in, off, len);
        while (true) {
            out.ensureRoom();
            int n = inflater.inflate(out.buf, out.size, out.buf.length - out.size);
            out.size += n;
            if (n == 0) {
                if (inflater.needsDictionary()) {
                    throw violation(CloseCode.INVALID_FRAME_PAYLOAD_DATA, "deflate data asks for a preset dictionary");
                }
                if (inflater.finished()) {
                    int left = inflater.getRemaining();
                    afterFinalBlock = 0;
                    keepAfterFinal(in, off + len - left, left);
                    return;
                }
                if (inflater.needsInput()) {
                    return;
                }
            }
        }
    }

    /** Inflated bytes, growing as needed but never past the message budget. */
    private static final class Output {
        /** The largest array the JVM allocates, with room for the one byte past the budget that reveals excess. */
        private static final long ARRAY_LIMIT = Integer.MAX_VALUE - 16;
        private final long max;
        byte[] buf;
        int size;

        Output(byte[] scratch, long max) {
            this.max = Math.min(Math.max(max, 0), ARRAY_LIMIT); // no budget may overflow the arithmetic below
            this.buf = scratch.length <= this.max + 1 ? scratch : new byte[(int) (this.max + 1)];
        }

        void ensureRoom() {
            if (size < buf.length) {
                return;
            }
            if (size > max) {
                throw violation(CloseCode.MESSAGE_TOO_BIG,
                        "message exceeds the limit of " + max + " more bytes after decompression");
            }
            buf = Arrays.copyOf(buf, (int) Math.min((long) buf.length * 2, max + 1));
        }

        byte[] bytes() {
            if (size > max) {
                throw violation(CloseCode.MESSAGE_TOO_BIG,
                        "message exceeds the limit of " + max + " more bytes after decompression");
            }
            return Arrays.copyOf(buf, size); // always a copy: buf may be the scratch of the next message
        }
    }

    @Override
    public byte[] encode(byte[] payload, int off, int len, boolean endOfMessage) {
        if (len == 0 && !endOfMessage) {
            // Nothing to add to the stream yet. A sync flush would send an empty stored block, which some
            // peers (Netty 4.2) refuse as a first frame that inflates to nothing.
            return EMPTY;
        }
        if (deflater == null) {
            deflater = new Deflater(settings.compressionLevel(), true);
        }
        deflater.setInput(payload, off, len);
        int bound = Math.max(64, len + len / 64 + 16);
        byte[] out = deflateScratch != null && deflateScratch.length >= bound ? deflateScratch : new byte[bound];
        int size = 0;
        while (true) {
            size += deflater.deflate(out, size, out.length - size, Deflater.SYNC_FLUSH);
            if (size < out.length) {
                break; // a sync flush that did not fill the buffer has written everything
            }
            out = Arrays.copyOf(out, out.length * 2);
        }
        if (endOfMessage) {
            if (size >= 4 && Arrays.equals(out, size - 4, size, TAIL, 0, 4)) {
                size -= 4;
            } else {
                // zlib writes no second empty block for a flush with no new input; the message then ends
                // on the previous frame's block, and one 0x00 (an empty block, less its tail) closes it.
                out[size++] = 0x00;
            }
            if (outboundNoContextTakeover) {
                deflater.end();
                deflater = null;
            }
        }
        if (out.length <= MAX_SCRATCH) {
            deflateScratch = out;
        }
        return Arrays.copyOf(out, size);
    }

    @Override
    public void close() {
        scratch = null;
        deflateScratch = null;
        if (inflater != null) {
            inflater.end();
            inflater = null;
        }
        if (deflater != null) {
            deflater.end();
            deflater = null;
        }
    }

    private static RemoteProtocolError violation(int code, String reason) {
        return new RemoteProtocolError(reason, new CloseConnection(code, reason, CloseConnection.Origin.VIOLATION));
    }

    @Override
    public String toString() {
        return enabled ? "permessage-deflate" + (inboundNoContextTakeover ? " inbound-no-context" : "")
                + (outboundNoContextTakeover ? " outbound-no-context" : "") : "permessage-deflate (not negotiated)";
    }
}
