package io.wsproto.h1;

import io.wsproto.CloseCode;
import io.wsproto.Connection;
import io.wsproto.ConnectionState;
import io.wsproto.ConnectionType;
import io.wsproto.Limits;
import io.wsproto.LocalProtocolError;
import io.wsproto.RemoteProtocolError;
import io.wsproto.events.AcceptConnection;
import io.wsproto.events.CloseConnection;
import io.wsproto.events.Event;
import io.wsproto.events.RejectConnection;
import io.wsproto.events.RejectData;
import io.wsproto.events.Request;
import io.wsproto.extensions.Extension;
import java.nio.ByteBuffer;
import java.security.SecureRandom;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.random.RandomGenerator;

/**
 * A WebSocket over HTTP/1.1, with no I/O of its own: the opening handshake of RFC 6455 §4 in either role,
 * then the core {@link Connection}. The same shape as the core: bytes in through {@link #receiveData},
 * {@link #events()} out; events in through {@link #send}, bytes out.
 *
 * <p>Client: send a {@link Request}; the response yields {@link AcceptConnection} (the connection is then
 * open), or {@link RejectConnection} followed by {@link RejectData} for its body. Server: a request yields
 * a {@link Request}; answer with {@link AcceptConnection}, or {@link RejectConnection} and
 * {@link RejectData}.
 *
 * <p>A request or response that breaks the handshake rules raises {@link RemoteProtocolError}: on a server
 * its {@link RemoteProtocolError#response() response} is the 400 (426 for an unsupported version, 431 for
 * an oversize head) and its body to send before closing; on a client there is nothing to send but the
 * close of the transport. Bytes that follow the handshake in the same read are kept and delivered as
 * events once the connection is open.
 *
 * <p>Not thread-safe: one thread, or one event loop, drives a connection.
 */
public final class WSConnection {
    private static final RandomGenerator DEFAULT_RANDOM = new SecureRandom();

    private final ConnectionType type;
    private final Limits limits;
    private final HandshakeLimits handshakeLimits;
    private final RandomGenerator random;
    private final ArrayDeque<Event> events = new ArrayDeque<>();
    private final HttpHeadParser headParser;

    private ConnectionState state = ConnectionState.CONNECTING;
    private Connection connection;
    /** Bytes that arrived after the head, before the connection opened; bounded by maxBufferedInput. */
    private ByteBuffer early;
    private boolean failed;

    // client
    private Request request;
    private String key;
    private RejectionBodyReader rejectionBody;

    // server
    private Request received;
    private OrdinaryRequest ordinary;
    private RejectionBodyWriter rejectionWriter;

    /**
     * A handshake with the default limits.
     *
     * @param type client or server
     */
    public WSConnection(ConnectionType type) {
        this(type, Limits.DEFAULT);
    }

    /**
     * A handshake with the default head limits.
     *
     * @param type client or server
     * @param limits the core limits of the connection that follows
     */
    public WSConnection(ConnectionType type, Limits limits) {
        this(type, limits, HandshakeLimits.DEFAULT, DEFAULT_RANDOM);
    }

    /**
     * A handshake with secure nonces and mask keys.
     *
     * @param type client or server
     * @param limits the core limits of the connection that follows
     * @param handshakeLimits the bounds on the HTTP/1.1 heads
     */
    public WSConnection(ConnectionType type, Limits limits, HandshakeLimits handshakeLimits) {
        this(type, limits, handshakeLimits, DEFAULT_RANDOM);
    }

    /**
     * @param type client or server
     * @param limits the core limits of the connection that follows
     * @param handshakeLimits the bounds on the HTTP/1.1 heads
     * @param random the source of the client's Sec-WebSocket-Key and mask keys; by default a
     *     {@link SecureRandom} for the key and the core's secure keystream for the masks, as RFC 6455 §4.1
     *     and §5.3 require
     */
    public WSConnection(ConnectionType type, Limits limits, HandshakeLimits handshakeLimits, RandomGenerator random) {
        this.type = Objects.requireNonNull(type, "type");
        this.limits = Objects.requireNonNull(limits, "limits");
        this.handshakeLimits = Objects.requireNonNull(handshakeLimits, "handshakeLimits");
        this.random = Objects.requireNonNull(random, "random");
        this.headParser = new HttpHeadParser(handshakeLimits);
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
     * Where the handshake, then the connection, stands.
     *
     * @return CONNECTING, REJECTING or CLOSED during the handshake, then the core connection's state
     */
    public ConnectionState state() {
        return connection != null ? connection.state() : state;
    }

    /** The core connection once the handshake succeeded, else null. */
    public Connection connection() {
        return connection;
    }

    // ---------------------------------------------------------------- receiving

    /** Feeds bytes from the peer; read to the end of the buffer. */
    public void receiveData(ByteBuffer data) {
        if (connection != null) {
            connection.receiveData(data);
            return;
        }
        if (failed || state == ConnectionState.CLOSED) {
            data.position(data.limit());
            return;
        }
        if (type == ConnectionType.CLIENT) {
            receiveAsClient(data);
        } else {
            receiveAsServer(data);
        }
    }

    /**
     * Feeds bytes from the peer, as {@link #receiveData(ByteBuffer)}.
     *
     * @param data the bytes
     */
    public void receiveData(byte[] data) {
        receiveData(ByteBuffer.wrap(data));
    }

    /**
     * The transport ended. While handshaking this yields a {@code CloseConnection} with code 1006; a
     * rejection body read until the end of the connection ends here.
     */
    public void receiveEof() {
        if (connection != null) {
            connection.receiveEof();
            return;
        }
        if (state == ConnectionState.REJECTING && rejectionBody != null) {
            state = ConnectionState.CLOSED;
            rejectionBody.eof(this::rejectData);
            return;
        }
        if (state != ConnectionState.CLOSED) {
            state = ConnectionState.CLOSED;
            events.add(new CloseConnection(CloseCode.ABNORMAL_CLOSURE,
                    "the transport ended during the opening handshake", CloseConnection.Origin.TRANSPORT));
        }
    }

    /**
     * Server: after {@link #receiveData} raised {@link RemoteProtocolError} for a request that does not ask
     * for a WebSocket at all (no {@code Upgrade: websocket}), that request; else null. A server that also
     * serves ordinary HTTP on the same port answers it with {@link RejectConnection} and {@link RejectData}
     * (any final status, {@code Connection: close}) instead of the error's 400. The head is parsed once, within
     * the same {@link HandshakeLimits}.
     */
    public OrdinaryRequest ordinaryRequest() {
        return ordinary;
    }

    /** Takes the events so far, oldest first. */
    public List<Event> events() {
        List<Event> out = new ArrayList<>(events);
        events.clear();
        if (connection != null) {
            out.addAll(connection.events());
        }
        return out;
    }

    /** Takes the oldest event, or null when there is none. */
    public Event nextEvent() {
        Event e = events.poll();
        if (e == null && connection != null) {
            e = connection.nextEvent();
        }
        return e;
    }

    private void receiveAsServer(ByteBuffer data) {
        if (received != null) {
            keepEarly(data);
            return;
        }
        try {
            HttpHead head = headParser.feed(data);
            if (head == null) {
                return;
            }
            if (!head.isWebSocketUpgrade() && ServerHandshake.hasRequestLine(head)) {
                ordinary = new OrdinaryRequest(head.method(), head.target(), head.headers());
            }
            received = ServerHandshake.parseRequest(head);
        } catch (HttpParseException | RemoteProtocolError e) {
            failed = true;
            data.position(data.limit());
            throw e instanceof RemoteProtocolError bad ? bad : ServerHandshake.badRequest((HttpParseException) e);
        }
        events.add(received);
        keepEarly(data);
    }

    private void keepEarly(ByteBuffer data) {
        if (!data.hasRemaining()) {
            return;
        }
        int have = early == null ? 0 : early.position();
        if ((long) have + data.remaining() > limits.maxBufferedInput()) {
            failed = true;
            data.position(data.limit());
            throw new RemoteProtocolError("more than " + limits.maxBufferedInput() + " bytes arrived before the handshake completed");
        }
        if (early == null || early.remaining() < data.remaining()) {
            ByteBuffer bigger = ByteBuffer.allocate(Math.max(have + data.remaining(), have * 2));
            if (early != null) {
                bigger.put(early.flip());
            }
            early = bigger;
        }
        early.put(data);
    }

    private void receiveAsClient(ByteBuffer data) {
        if (request == null) {
            throw new LocalProtocolError("a client must send its Request before receiving data");
        }
        if (state == ConnectionState.REJECTING) {
            rejectionBody.feed(data, this::rejectData);
            return;
        }
        try {
            HttpHead head;
            while ((head = headParser.feed(data)) != null) {
                int status = ClientHandshake.parseStatusLine(head);
                if (status == 101) {
                    open(ClientHandshake.validateAcceptance(head, request, key), data);
                    return;
                }
                if (status >= 200) {
                    reject(status, head, data);
                    return;
                }
                // An interim 1xx response other than 101: skip it and read the next head (RFC 9110 §15.2).
            }
        } catch (HttpParseException | RemoteProtocolError e) {
            state = ConnectionState.CLOSED;
            failed = true;
            data.position(data.limit());
            throw e instanceof RemoteProtocolError r ? r
                    : new RemoteProtocolError("invalid handshake response: " + e.getMessage());
        }
    }

    private void open(AcceptConnection accepted, ByteBuffer rest) {
        connection = newConnection(accepted.extensions());
        events.add(accepted);
        if (rest.hasRemaining()) {
            connection.receiveData(rest);
        }
    }

    private void reject(int status, HttpHead head, ByteBuffer rest) throws HttpParseException {
        rejectionBody = ClientHandshake.bodyReader(status, head, handshakeLimits.maxHeadSize());
        state = ConnectionState.REJECTING;
        events.add(new RejectConnection(status, head.headers(), rejectionBody != null));
        if (rejectionBody == null) {
            state = ConnectionState.CLOSED;
            return;
        }
        rejectionBody.feed(rest, this::rejectData);
    }

    private void rejectData(byte[] piece, boolean finished) {
        if (piece.length > 0 || finished) {
            events.add(new RejectData(piece, finished));
        }
        if (finished) {
            state = ConnectionState.CLOSED;
        }
    }

    // ---------------------------------------------------------------- sending

    /**
     * Turns an event into bytes for the peer.
     *
     * @throws LocalProtocolError when the event does not fit this role or state; nothing changes then
     */
    public ByteBuffer send(Event event) {
        Objects.requireNonNull(event, "event");
        if (connection != null) {
            return connection.send(event);
        }
        byte[] bytes;
        if (event instanceof Request r) {
            bytes = sendRequest(r);
        } else if (event instanceof AcceptConnection a) {
            bytes = sendAccept(a);
        } else if (event instanceof RejectConnection r) {
            bytes = sendReject(r);
        } else if (event instanceof RejectData d) {
            bytes = sendRejectData(d);
        } else {
            throw new LocalProtocolError("cannot send " + event.getClass().getSimpleName() + " in state " + state
                    + ": the handshake has not completed");
        }
        return ByteBuffer.wrap(bytes);
    }

    private byte[] sendRequest(Request r) {
        if (type != ConnectionType.CLIENT || request != null) {
            throw new LocalProtocolError(type == ConnectionType.CLIENT ? "the Request was already sent" : "a server does not send a Request");
        }
        byte[] nonce = new byte[16];
        random.nextBytes(nonce);
        String newKey = java.util.Base64.getEncoder().encodeToString(nonce);
        byte[] bytes = ClientHandshake.writeRequest(r, newKey);
        request = r;
        key = newKey;
        return bytes;
    }

    private byte[] sendAccept(AcceptConnection a) {
        if (type != ConnectionType.SERVER || received == null || state != ConnectionState.CONNECTING) {
            throw new LocalProtocolError("AcceptConnection is a server's answer to a received Request");
        }
        ServerHandshake.Acceptance acceptance = ServerHandshake.accept(received, a);
        connection = newConnection(acceptance.extensions());
        if (early != null) {
            connection.receiveData(early.flip());
            early = null;
        }
        return acceptance.response();
    }

    private byte[] sendReject(RejectConnection r) {
        if (type != ConnectionType.SERVER || state != ConnectionState.CONNECTING) {
            throw new LocalProtocolError("RejectConnection is a server's answer during the handshake");
        }
        rejectionWriter = new RejectionBodyWriter(r);
        byte[] head = rejectionWriter.head();
        state = r.hasBody() ? ConnectionState.REJECTING : ConnectionState.CLOSED;
        early = null;
        return head;
    }

    private byte[] sendRejectData(RejectData d) {
        if (type != ConnectionType.SERVER || state != ConnectionState.REJECTING) {
            throw new LocalProtocolError("RejectData follows a RejectConnection that has a body");
        }
        byte[] bytes = rejectionWriter.data(d);
        if (d.bodyFinished()) {
            state = ConnectionState.CLOSED;
        }
        return bytes;
    }

    /** The core connection; with the default random, its mask keys come from the core's own secure keystream. */
    private Connection newConnection(List<Extension> extensions) {
        return random == DEFAULT_RANDOM ? new Connection(type, extensions, limits) : new Connection(type, extensions, limits, random);
    }

    @Override
    public String toString() {
        return "WSConnection[" + type + ", " + state() + "]";
    }
}
