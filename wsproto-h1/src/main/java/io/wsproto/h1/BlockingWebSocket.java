package io.wsproto.h1;

import io.wsproto.CloseCode;
import io.wsproto.ConnectionState;
import io.wsproto.ConnectionType;
import io.wsproto.MessageAssembler;
import io.wsproto.RemoteProtocolError;
import io.wsproto.events.AcceptConnection;
import io.wsproto.events.CloseConnection;
import io.wsproto.events.Event;
import io.wsproto.events.Message;
import io.wsproto.events.Ping;
import io.wsproto.events.RejectConnection;
import io.wsproto.events.RejectData;
import io.wsproto.events.Request;
import io.wsproto.extensions.Extension;
import io.wsproto.extensions.PerMessageDeflate;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.function.Function;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;

/**
 * A WebSocket over a blocking {@link Socket} (or {@link SSLSocket}): the {@link WSConnection} plus a read
 * loop and writes, for plain Java programs.
 *
 * <pre>{@code
 * try (BlockingWebSocket ws = BlockingWebSocket.connect(URI.create("ws://127.0.0.1:9000/echo"), new WebSocketOptions())) {
 *     ws.send(new TextMessage("hello"));
 *     Event reply = ws.receive();          // TextMessage[5 chars, ...]
 * }
 * }</pre>
 *
 * <p>{@link #receive()} returns whole messages (parts are joined, within the message-size limit), and
 * pings, pongs and the close. Pings are answered and a peer's close is answered at once. Back-pressure:
 * the socket is read only while {@code receive()} waits for an event, so a slow application slows the
 * peer through TCP; writes go straight to the socket, with no queue.
 *
 * <p>One thread may call {@code receive()} while others call {@code send}.
 */
public final class BlockingWebSocket implements AutoCloseable {
    /** How much of a rejection body {@link HandshakeRejectedException} keeps. */
    public static final int MAX_REJECTION_BODY = 4096;
    private static final int READ_BUFFER = 16 * 1024;

    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;
    private final WSConnection ws;
    private final WebSocketOptions options;
    private final Object lock = new Object();
    private final byte[] readBuffer = new byte[READ_BUFFER];
    private final AcceptConnection accepted;
    private final Request request;

    private final MessageAssembler assembler = new MessageAssembler();
    private boolean closeReturned;

    private BlockingWebSocket(Socket socket, WSConnection ws, WebSocketOptions options, Request request,
                              AcceptConnection accepted) throws IOException {
        this.socket = socket;
        this.in = socket.getInputStream();
        this.out = socket.getOutputStream();
        this.ws = ws;
        this.options = options;
        this.request = request;
        this.accepted = accepted;
    }

    // ---------------------------------------------------------------- opening

    /** Opens a client WebSocket to a {@code ws://} or {@code wss://} URI over HTTP/1.1. */
    public static BlockingWebSocket connect(URI uri, WebSocketOptions options) throws IOException {
        boolean tls = switch (String.valueOf(uri.getScheme()).toLowerCase(java.util.Locale.ROOT)) {
            case "ws" -> false;
            case "wss" -> true;
            default -> throw new IllegalArgumentException("not a ws:// or wss:// URI: " + uri);
        };
        String host = uri.getHost();
        int port = uri.getPort() != -1 ? uri.getPort() : tls ? 443 : 80;
        Socket socket = tls ? options.sslSocketFactory().createSocket() : new Socket();
        try {
            socket.connect(new InetSocketAddress(host, port), (int) options.connectTimeout().toMillis());
            socket.setTcpNoDelay(true);
            if (socket instanceof SSLSocket ssl) {
                SSLParameters params = ssl.getSSLParameters();
                if (options.verifiesCertificates()) {
                    params.setEndpointIdentificationAlgorithm("HTTPS");
                }
                params.setApplicationProtocols(new String[] {"http/1.1"});
                params.setServerNames(List.of(new javax.net.ssl.SNIHostName(host)));
                ssl.setSSLParameters(params);
                ssl.startHandshake();
            }
            boolean defaultPort = uri.getPort() == -1 || uri.getPort() == (tls ? 443 : 80);
            String authority = (host.contains(":") ? "[" + host + "]" : host) + (defaultPort ? "" : ":" + port);
            String target = (uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath())
                    + (uri.getRawQuery() != null ? "?" + uri.getRawQuery() : "");
            List<Extension> offered = options.deflate() ? List.of(new PerMessageDeflate()) : List.of();
            Request request = new Request(authority, target, options.subprotocols(), offered, options.headers());
            return clientHandshake(socket, request, options);
        } catch (IOException | RuntimeException e) {
            socket.close();
            throw e;
        }
    }

    /** Runs the client handshake on a connected socket. */
    public static BlockingWebSocket clientHandshake(Socket socket, Request request, WebSocketOptions options) throws IOException {
        WSConnection ws = new WSConnection(ConnectionType.CLIENT, options.limits(), options.handshakeLimits(), options.random());
        socket.setSoTimeout((int) options.handshakeTimeout().toMillis());
        write(socket.getOutputStream(), ws.send(request));
        InputStream in = socket.getInputStream();
        byte[] buf = new byte[READ_BUFFER];
        RejectConnection rejected = null;
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        while (true) {
            int n = in.read(buf);
            if (n < 0) {
                ws.receiveEof();
            } else {
                ws.receiveData(ByteBuffer.wrap(buf, 0, n));
            }
            Event e;
            while ((e = ws.nextEvent()) != null) {
                if (e instanceof AcceptConnection a) {
                    BlockingWebSocket socketWs = new BlockingWebSocket(socket, ws, options, request, a);
                    socket.setSoTimeout((int) options.readTimeout().toMillis());
                    return socketWs;
                } else if (e instanceof RejectConnection r) {
                    rejected = r;
                } else if (e instanceof RejectData d) {
                    body.write(d.data(), 0, Math.min(d.data().length, MAX_REJECTION_BODY - body.size()));
                } else if (e instanceof CloseConnection) {
                    throw new IOException("the connection ended during the opening handshake");
                }
            }
            if (rejected != null && ws.state() == ConnectionState.CLOSED) {
                socket.close();
                throw new HandshakeRejectedException(rejected.statusCode(), rejected.headers(), body.toByteArray());
            }
            if (n < 0) {
                throw new IOException("the connection ended during the opening handshake");
            }
        }
    }

    /**
     * Runs the server handshake on an accepted socket. {@code decide} answers the request with an
     * {@link AcceptConnection} or a {@link RejectConnection} (sent with an empty body if it has one).
     *
     * @return the open WebSocket, or null when the request was rejected (the socket is then closed)
     * @throws RemoteProtocolError when the request broke the handshake rules; the 4xx answer was sent
     */
    public static BlockingWebSocket serverHandshake(Socket socket, Function<Request, Event> decide, WebSocketOptions options)
            throws IOException {
        WSConnection ws = new WSConnection(ConnectionType.SERVER, options.limits(), options.handshakeLimits(), options.random());
        socket.setSoTimeout((int) options.handshakeTimeout().toMillis());
        socket.setTcpNoDelay(true);
        InputStream in = socket.getInputStream();
        OutputStream out = socket.getOutputStream();
        byte[] buf = new byte[READ_BUFFER];
        try {
            while (true) {
                int n = in.read(buf);
                if (n < 0) {
                    socket.close();
                    throw new IOException("the connection ended during the opening handshake");
                }
                ws.receiveData(ByteBuffer.wrap(buf, 0, n));
                Event e = ws.nextEvent();
                if (e instanceof Request request) {
                    Event answer = decide.apply(request);
                    write(out, ws.send(answer));
                    if (answer instanceof AcceptConnection a) {
                        BlockingWebSocket socketWs = new BlockingWebSocket(socket, ws, options, request, a);
                        socket.setSoTimeout((int) options.readTimeout().toMillis());
                        return socketWs;
                    }
                    if (ws.state() == ConnectionState.REJECTING) {
                        write(out, ws.send(new RejectData(new byte[0], true)));
                    }
                    socket.close();
                    return null;
                }
            }
        } catch (RemoteProtocolError bad) {
            for (Event reply : bad.response()) {
                write(out, ws.send(reply));
            }
            socket.close();
            throw bad;
        } catch (IOException | RuntimeException e) {
            socket.close();
            throw e;
        }
    }

    // ---------------------------------------------------------------- the open connection

    /** The subprotocol the server chose, or null. */
    public String subprotocol() {
        return accepted.subprotocol();
    }

    /** The extensions in use. */
    public List<Extension> extensions() {
        return ws.connection().extensions();
    }

    /** The request of the handshake: the one sent by a client, or the one received by a server. */
    public Request request() {
        return request;
    }

    /**
     * Where the connection stands.
     *
     * @return the state of the handshake, then of the core connection
     */
    public ConnectionState state() {
        synchronized (lock) {
            return ws.state();
        }
    }

    /**
     * The next whole message, ping, pong or close, reading from the socket as needed; null once the close
     * was returned or the connection ended. Pings are answered and the peer's close replied to as they
     * are returned, in order: a message that arrived before the peer's close (or before a frame that
     * broke the rules) can still be answered.
     *
     * @throws SocketTimeoutException when nothing arrives within the read timeout
     */
    public Event receive() throws IOException {
        while (true) {
            synchronized (lock) {
                if (closeReturned) {
                    return null;
                }
                Event e;
                while ((e = ws.nextEvent()) != null) {
                    Event ready = take(e);
                    if (ready != null) {
                        closeReturned = ready instanceof CloseConnection;
                        return ready;
                    }
                }
                if (ws.state() == ConnectionState.CLOSED) {
                    return null;
                }
            }
            int n;
            try {
                n = in.read(readBuffer);
            } catch (SocketTimeoutException timeout) {
                throw timeout;
            } catch (IOException lost) {
                n = -1;
            }
            synchronized (lock) {
                if (n < 0) {
                    ws.receiveEof();
                } else {
                    ws.receiveData(ByteBuffer.wrap(readBuffer, 0, n));
                }
            }
        }
    }

    /** One event from the connection: joins message parts (null until the last), answers pings and closes. */
    private Event take(Event e) throws IOException {
        if (e instanceof Message m) {
            return assembler.add(m);
        }
        if (e instanceof Ping ping && options.autoPong() && ws.state() != ConnectionState.CLOSED) {
            write(out, ws.send(ping.response()));
        } else if (e instanceof CloseConnection close) {
            if (ws.state() == ConnectionState.REMOTE_CLOSING) {
                write(out, ws.send(close.response()));
            }
            if (ws.state() == ConnectionState.CLOSED) {
                socket.close(); // the handshake is complete, or the peer failed it (RFC 6455 §7.1.1)
            }
        }
        return e;
    }

    /** Sends an event: a message (or a fragment of one), a ping, a pong, or a close. */
    public void send(Event event) throws IOException {
        synchronized (lock) {
            write(out, ws.send(event));
        }
    }

    /**
     * Starts the close handshake and waits, within the close timeout, for the peer's close; messages that
     * arrive meanwhile are dropped. Then closes the socket. Returns the peer's close, or null when it did
     * not come in time.
     */
    public CloseConnection close(int code, String reason) throws IOException {
        try {
            synchronized (lock) {
                if (ws.state() != ConnectionState.OPEN) {
                    return null;
                }
                write(out, ws.send(new CloseConnection(code, reason)));
            }
            socket.setSoTimeout((int) options.closeTimeout().toMillis());
            Event e;
            while ((e = receive()) != null) {
                if (e instanceof CloseConnection close) {
                    return close;
                }
            }
            return null;
        } catch (SocketTimeoutException timeout) {
            return null;
        } finally {
            socket.close();
        }
    }

    /** Closes with 1000 (normal closure) if still open, then closes the socket. */
    @Override
    public void close() throws IOException {
        close(CloseCode.NORMAL_CLOSURE, "");
    }

    private static void write(OutputStream out, ByteBuffer bytes) throws IOException {
        out.write(bytes.array(), bytes.arrayOffset() + bytes.position(), bytes.remaining());
        out.flush();
    }

    @Override
    public String toString() {
        return "BlockingWebSocket[" + socket.getRemoteSocketAddress() + ", " + state() + "]";
    }
}
