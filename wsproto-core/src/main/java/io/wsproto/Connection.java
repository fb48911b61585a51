package io.wsproto;

import io.wsproto.events.BytesMessage;
import io.wsproto.events.CloseConnection;
import io.wsproto.events.Event;
import io.wsproto.events.Message;
import io.wsproto.events.Ping;
import io.wsproto.events.Pong;
import io.wsproto.events.TextMessage;
import io.wsproto.extensions.Extension;
import io.wsproto.frame.FrameFormat;
import io.wsproto.frame.FrameReader;
import io.wsproto.frame.FrameWriter;
import io.wsproto.frame.Opcode;
import io.wsproto.frame.ProtocolViolation;
import io.wsproto.frame.SecureMaskKeys;
import io.wsproto.frame.Utf8Encoder;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.random.RandomGenerator;

/**
 * A WebSocket after its opening handshake (RFC 6455 §5-§7), with no I/O of its own: bytes from the peer
 * go in through {@link #receiveData}, come out as {@link #events()}; events go in through {@link #send}
 * and come out as bytes for the peer.
 *
 * <pre>{@code
 * Connection ws = new Connection(ConnectionType.SERVER, negotiatedExtensions);
 * ws.receiveData(bytesFromPeer);
 * for (Event e : ws.events()) { ... }
 * ByteBuffer out = ws.send(new TextMessage("hi"));
 * }</pre>
 *
 * <p>Data is parsed as it arrives and messages are delivered in parts: each call of {@code receiveData}
 * yields at most one part per frame it touches, so no frame or message is held whole, and a frame that
 * lies complete in one buffer becomes one event with one copy of its payload. Text parts always end on a
 * character boundary.
 *
 * <p>As in wsproto 1.x, nothing is sent unasked: a {@link Ping}'s {@link Ping#response() response} and a
 * {@link CloseConnection}'s {@link CloseConnection#response() response} are for the application to send.
 * When the peer breaks the protocol or a {@link Limits limit}, the connection stops reading and yields a
 * {@code CloseConnection} whose {@link CloseConnection#origin() origin} is {@code VIOLATION}; its response
 * is the close frame that tells the peer why, after which the transport should be closed (§7.1.7).
 *
 * <p>Not thread-safe: one thread, or one event loop, drives a connection.
 */
public final class Connection {
    private static final int NO_MESSAGE = -1;
    /**
     * How many events parsing runs ahead of the application when a read holds more: enough to amortize the
     * step back into the parser, few enough that the events of a large read die young.
     */
    private static final int PARSE_AHEAD = 32;

    /**
     * Where the close handshake stands, and what the application may send there: the one table of the send
     * rules (RFC 6455 §5.5.1: no data after our close; the peer's close may be answered after the message
     * being sent; §7.1.7: after the peer broke a rule, only the close that says why). Each phase shows as a
     * {@link ConnectionState}; the two kinds of REMOTE_CLOSING differ in whether data may still go out.
     */
    private enum Phase {
        //              shown as                        message control close
        OPEN(ConnectionState.OPEN,                     true,   true,   true),
        PEER_CLOSED(ConnectionState.REMOTE_CLOSING,    true,   true,   true),
        PEER_FAILED(ConnectionState.REMOTE_CLOSING,    false,  true,   true),
        LOCAL_CLOSING(ConnectionState.LOCAL_CLOSING,   false,  true,   false),
        CLOSED(ConnectionState.CLOSED,                 false,  false,  false);

        static final int MESSAGE = 0;
        static final int CONTROL = 1;
        static final int CLOSE = 2;

        final ConnectionState view;
        private final boolean[] allowed;

        Phase(ConnectionState view, boolean message, boolean control, boolean close) {
            this.view = view;
            this.allowed = new boolean[] {message, control, close};
        }

        void require(int kind, String what) {
            if (!allowed[kind]) {
                throw new LocalProtocolError("cannot send " + what + " in state " + view
                        + (this == PEER_FAILED ? " after the peer broke the protocol; send the close" : ""));
            }
        }
    }

    private final ConnectionType type;
    private final Limits limits;
    private final List<Extension> extensions;
    private final RandomGenerator maskKeys;
    private final FrameReader reader;
    private final MessageReader messages;
    private final ArrayDeque<Event> events = new ArrayDeque<>();

    private Phase phase = Phase.OPEN;
    /** Whether more input is parsed: false once a close arrived, the peer broke a rule, or the transport ended. */
    private boolean reading = true;
    private boolean eofReceived;
    /**
     * The peer's close, or our close for its violation, while it waits in the event queue. The state moves
     * to REMOTE_CLOSING (or CLOSED) only when the application takes it, so that messages which arrived
     * before it can still be answered, as they would have been had they come in an earlier read.
     */
    private CloseConnection queuedClose;
    /** Payload held in undelivered events, bounded by {@link Limits#maxBufferedInput()}. */
    private long pendingPayload;
    /**
     * Input received but not parsed yet, in read mode; null when there is none. Parsing stays a few events ahead
     * of the application: a read that holds many frames is kept as bytes and turned into events as they are
     * taken, so that a large read does not become a queue of live objects. With {@link #pendingPayload} it
     * is bounded by {@link Limits#maxBufferedInput()}. Drained, it goes back to {@link InputBuffers}.
     */
    private ByteBuffer unparsed;

    // The message being sent in fragments.
    private int outOpcode = NO_MESSAGE;

    /**
     * A connection with no extensions and the {@link Limits#DEFAULT default limits}.
     *
     * @param type which side of the WebSocket this is
     */
    public Connection(ConnectionType type) {
        this(type, List.of(), Limits.DEFAULT);
    }

    /** @param extensions the extensions negotiated in the handshake; those not {@code enabled()} are ignored */
    public Connection(ConnectionType type, List<? extends Extension> extensions) {
        this(type, extensions, Limits.DEFAULT);
    }

    /**
     * A connection with secure mask keys.
     *
     * @param type which side of the WebSocket this is
     * @param extensions the extensions negotiated in the handshake; those not {@code enabled()} are ignored
     * @param limits the bounds on what the peer can make it hold
     */
    public Connection(ConnectionType type, List<? extends Extension> extensions, Limits limits) {
        this(type, extensions, limits, SecureMaskKeys.INSTANCE);
    }

    /**
     * @param maskKeys where a client's mask keys come from: each frame takes a fresh {@code nextInt()}. The
     *     default draws from a {@link SecureRandom}, as RFC 6455 §5.3 requires; tests may pass a fixed source.
     */
    public Connection(ConnectionType type, List<? extends Extension> extensions, Limits limits, RandomGenerator maskKeys) {
        this.type = Objects.requireNonNull(type, "type");
        this.limits = Objects.requireNonNull(limits, "limits");
        this.maskKeys = Objects.requireNonNull(maskKeys, "maskKeys");
        this.extensions = extensions.stream().filter(Extension::enabled).map(e -> (Extension) e).toList();
        this.reader = new FrameReader(type == ConnectionType.SERVER, limits.maxFramePayload());
        this.messages = new MessageReader(this.extensions, limits, new MessageReader.Sink() {
            @Override
            public void deliver(Event event, int payloadBytes) throws ProtocolViolation {
                Connection.this.deliver(event, payloadBytes);
            }

            @Override
            public void close(CloseConnection close) {
                queueClose(close);
            }
        });
    }

    /**
     * Which side this is.
     *
     * @return client or server
     */
    public ConnectionType type() {
        return type;
    }

    /**
     * The state as of the events the application has taken: the peer's close (or the close for its
     * violation) moves it on only once {@link #nextEvent()} or {@link #events()} hands that close out, so
     * the messages queued before it can still be answered.
     */
    public ConnectionState state() {
        return phase.view;
    }

    /**
     * The bounds this connection enforces.
     *
     * @return the limits
     */
    public Limits limits() {
        return limits;
    }

    /** The extensions in use, in negotiated order. */
    public List<Extension> extensions() {
        return extensions;
    }

    // ---------------------------------------------------------------- receiving

    /**
     * Feeds bytes from the peer. The buffer is read to its end and nothing of it is referenced past this
     * call: what is not parsed yet is copied, and parsed as the application takes events.
     */
    public void receiveData(ByteBuffer data) {
        if (eofReceived) {
            throw new LocalProtocolError("receiveData after receiveEof");
        }
        if (unparsed != null) {
            keep(data);
        } else {
            parse(data, true);
            if (reading && data.hasRemaining()) {
                keep(data);
            }
        }
        data.position(data.limit()); // what follows a close or a violation is discarded
    }

    /**
     * Parses {@code src}: until {@link #PARSE_AHEAD} events are ready when {@code lazy}, else to its end. Stops at a close or a
     * violation, which becomes the last event.
     */
    private void parse(ByteBuffer src, boolean lazy) {
        try {
            while (reading && src.hasRemaining() && (!lazy || events.size() < PARSE_AHEAD)) {
                reader.step(src, messages);
            }
        } catch (ProtocolViolation v) {
            fail(v.closeCode(), v.getMessage());
        } catch (RemoteProtocolError e) { // from an extension's decoder
            if (e.eventHint() instanceof CloseConnection hint) {
                fail(hint.code(), hint.reason());
            } else {
                fail(CloseCode.PROTOCOL_ERROR, e.getMessage());
            }
        }
    }

    private void parseUnparsed(boolean lazy) {
        parse(unparsed, lazy);
        if (!reading || !unparsed.hasRemaining()) {
            InputBuffers.giveBack(unparsed); // an idle connection holds no input buffer
            unparsed = null;
        }
    }

    /** Keeps bytes to parse later; past the input bound, parses everything now, so the bound acts as it always did. */
    private void keep(ByteBuffer data) {
        int held = unparsed == null ? 0 : unparsed.remaining();
        if ((long) held + data.remaining() + pendingPayload > limits.maxBufferedInput()) {
            if (unparsed != null) {
                parseUnparsed(false);
            }
            parse(data, false); // deliver() fails the connection with 1009 where the events outgrow the bound
            return;
        }
        if (unparsed == null) {
            unparsed = InputBuffers.take(data.remaining()).put(data).flip();
        } else if (unparsed.capacity() - held >= data.remaining()) {
            unparsed.compact().put(data).flip();
        } else {
            ByteBuffer bigger = InputBuffers.take(Math.max(unparsed.capacity() * 2, held + data.remaining()));
            bigger.put(unparsed).put(data).flip();
            InputBuffers.giveBack(unparsed);
            unparsed = bigger;
        }
    }

    /**
     * Feeds bytes from the peer, as {@link #receiveData(ByteBuffer)}.
     *
     * @param data the bytes; not kept past the call
     */
    public void receiveData(byte[] data) {
        receiveData(ByteBuffer.wrap(data));
    }

    /**
     * The transport ended (wsproto's {@code receive_data(None)}). Unless a close was already seen, yields a
     * {@code CloseConnection} with code 1006. The connection is then {@link ConnectionState#CLOSED}.
     */
    public void receiveEof() {
        if (eofReceived) {
            return;
        }
        if (unparsed != null) {
            parseUnparsed(false); // what arrived before the end comes first
        }
        eofReceived = true;
        reading = false;
        if (queuedClose == null && (phase == Phase.OPEN || phase == Phase.LOCAL_CLOSING)) {
            events.add(new CloseConnection(CloseCode.ABNORMAL_CLOSURE,
                    "the transport ended without a close handshake", CloseConnection.Origin.TRANSPORT));
        }
        closed();
    }

    /** Takes the events so far, oldest first. */
    public List<Event> events() {
        if (unparsed != null) {
            parseUnparsed(false);
        }
        List<Event> out = new ArrayList<>(events);
        events.clear();
        pendingPayload = 0;
        if (queuedClose != null) {
            closeTaken();
        }
        return out;
    }

    /** Takes the oldest event, or returns null when there is none; the allocation-free form of {@link #events()}. */
    public Event nextEvent() {
        Event e = events.poll();
        if (e == null && unparsed != null) {
            parseUnparsed(true);
            e = events.poll();
        }
        if (events.isEmpty()) {
            pendingPayload = 0;
        }
        if (e != null && e == queuedClose) {
            closeTaken();
        }
        return e;
    }

    /** The application took the peer's close (or the close for its violation): the state follows it now. */
    private void closeTaken() {
        boolean violation = queuedClose.origin() == CloseConnection.Origin.VIOLATION;
        queuedClose = null;
        if (phase == Phase.OPEN) {
            phase = violation ? Phase.PEER_FAILED : Phase.PEER_CLOSED;
        } else {
            closed();
        }
    }

    /** Queues the close that ends reading; the state changes when the application takes it. */
    private void queueClose(CloseConnection close) {
        reading = false;
        queuedClose = close;
        events.add(close);
    }

    private void deliver(Event event, int payloadBytes) throws ProtocolViolation {
        pendingPayload += payloadBytes;
        if (pendingPayload > limits.maxBufferedInput()) {
            throw new ProtocolViolation(CloseCode.MESSAGE_TOO_BIG, "more than " + limits.maxBufferedInput()
                    + " bytes received without the application taking its events");
        }
        events.add(event);
    }

    private void fail(int code, String reason) {
        queueClose(new CloseConnection(code, fitCloseReason(reason), CloseConnection.Origin.VIOLATION));
    }

    /** Our own diagnostic, shortened to what a Close frame can carry so that the response can be sent. */
    private static String fitCloseReason(String reason) {
        if (reason.length() * 3 <= FrameFormat.MAX_CLOSE_REASON_BYTES) {
            return reason;
        }
        int end = reason.length();
        while (reason.substring(0, end).getBytes(StandardCharsets.UTF_8).length > FrameFormat.MAX_CLOSE_REASON_BYTES) {
            end--;
        }
        if (end > 0 && Character.isHighSurrogate(reason.charAt(end - 1))) {
            end--;
        }
        return reason.substring(0, end);
    }

    private void closed() {
        if (phase == Phase.CLOSED) {
            return;
        }
        phase = Phase.CLOSED;
        for (Extension e : extensions) {
            e.close();
        }
    }

    // ---------------------------------------------------------------- sending

    /**
     * Turns an event into the bytes to send to the peer.
     *
     * @throws LocalProtocolError when the event cannot be sent in this state or cannot go on the wire;
     *     nothing changes then
     */
    public ByteBuffer send(Event event) {
        Objects.requireNonNull(event, "event");
        byte[] frame;
        if (event instanceof Message m) {
            frame = sendMessage(m);
        } else if (event instanceof Ping p) {
            frame = sendControl(Opcode.PING, p.payload());
        } else if (event instanceof Pong p) {
            frame = sendControl(Opcode.PONG, p.payload());
        } else if (event instanceof CloseConnection c) {
            frame = sendClose(c);
        } else {
            throw new LocalProtocolError(event.getClass().getSimpleName()
                    + " is a handshake event; this Connection starts after the handshake");
        }
        return ByteBuffer.wrap(frame);
    }

    private byte[] sendMessage(Message m) {
        phase.require(Phase.MESSAGE, "a message");
        boolean text = m instanceof TextMessage;
        int opcode = text ? Opcode.TEXT : Opcode.BINARY;
        if (outOpcode != NO_MESSAGE && outOpcode != opcode) {
            throw new LocalProtocolError("cannot send a " + Opcode.name(opcode) + " message while a "
                    + Opcode.name(outOpcode) + " message is being sent in fragments");
        }
        byte[] payload = text ? utf8Bytes(((TextMessage) m).data(), "text") : ((BytesMessage) m).data();
        boolean first = outOpcode == NO_MESSAGE;
        int rsv = 0;
        for (int i = 0; i < extensions.size(); i++) { // indexed: no iterator per message
            Extension e = extensions.get(i);
            payload = e.encode(payload, 0, payload.length, m.messageFinished());
            if (first) {
                rsv |= e.rsvBits();
            }
        }
        outOpcode = m.messageFinished() ? NO_MESSAGE : opcode;
        return frame(first ? opcode : Opcode.CONTINUATION, m.messageFinished(), rsv, payload);
    }

    private byte[] sendControl(int opcode, byte[] payload) {
        phase.require(Phase.CONTROL, "a " + Opcode.name(opcode));
        if (payload.length > FrameFormat.MAX_CONTROL_PAYLOAD) {
            throw new LocalProtocolError(Opcode.name(opcode) + " payload of " + payload.length + " bytes exceeds "
                    + FrameFormat.MAX_CONTROL_PAYLOAD);
        }
        return frame(opcode, true, 0, payload);
    }

    private byte[] sendClose(CloseConnection close) {
        phase.require(Phase.CLOSE, "a close");
        int code = close.code();
        byte[] payload;
        if (code == CloseCode.NO_STATUS_RCVD) {
            if (!close.reason().isEmpty()) {
                throw new LocalProtocolError("a close without a status code (1005) cannot carry a reason");
            }
            payload = new byte[0];
        } else {
            if (!CloseCode.isAllowedOnWire(code)) {
                throw new LocalProtocolError("close code " + code + " may not be sent (RFC 6455 §7.4)");
            }
            byte[] reason = utf8Bytes(close.reason(), "close reason");
            if (reason.length > FrameFormat.MAX_CLOSE_REASON_BYTES) {
                throw new LocalProtocolError("close reason of " + reason.length + " UTF-8 bytes exceeds "
                        + FrameFormat.MAX_CLOSE_REASON_BYTES);
            }
            payload = new byte[2 + reason.length];
            payload[0] = (byte) (code >>> 8);
            payload[1] = (byte) code;
            System.arraycopy(reason, 0, payload, 2, reason.length);
        }
        byte[] frame = frame(Opcode.CLOSE, true, 0, payload);
        if (phase == Phase.OPEN) {
            phase = Phase.LOCAL_CLOSING;
        } else {
            closed();
        }
        return frame;
    }

    private byte[] frame(int opcode, boolean fin, int rsv, byte[] payload) {
        boolean masked = type == ConnectionType.CLIENT;
        return FrameWriter.frame(opcode, fin, rsv, payload, 0, payload.length, masked, masked ? maskKeys.nextInt() : 0);
    }

    private static byte[] utf8Bytes(String s, String what) {
        try {
            return Utf8Encoder.encode(s);
        } catch (IllegalArgumentException e) {
            throw new LocalProtocolError(what + " has an " + e.getMessage()
                    + "; split text between fragments only at code point boundaries");
        }
    }

    @Override
    public String toString() {
        return "Connection[" + type + ", " + phase + ", extensions=" + extensions + "]";
    }
}
