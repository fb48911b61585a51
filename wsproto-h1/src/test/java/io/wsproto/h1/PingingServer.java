package io.wsproto.h1;

import io.wsproto.ConnectionState;
import io.wsproto.ConnectionType;
import io.wsproto.Limits;
import io.wsproto.MessageAssembler;
import io.wsproto.events.AcceptConnection;
import io.wsproto.events.BytesMessage;
import io.wsproto.events.CloseConnection;
import io.wsproto.events.Event;
import io.wsproto.events.Message;
import io.wsproto.events.Ping;
import io.wsproto.events.Pong;
import io.wsproto.events.Request;
import io.wsproto.events.TextMessage;
import io.wsproto.extensions.PerMessageDeflate;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;

/**
 * A hand-made HTTP/1.1 echo server on loopback that pings where real servers do and where a careless client
 * trips: in the same TCP write as its 101 response, before each echo (a write of its own), and between the
 * two fragments of each echoed message (RFC 6455 §5.4 allows a control frame there). It accepts
 * permessage-deflate when offered, answers pings and closes, and records the pongs it gets so a test can
 * check that every ping was answered.
 */
public final class PingingServer implements AutoCloseable {
    public static final Ping AFTER_HANDSHAKE = ping("in the 101's write");
    public static final Ping BEFORE_ECHO = ping("before the echo");
    public static final Ping INSIDE_ECHO = ping("between the echo's fragments");

    private final ServerSocket listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    private final BlockingQueue<Pong> pongs = new LinkedBlockingQueue<>();

    public PingingServer() throws IOException {
        Thread acceptor = new Thread(this::acceptLoop, "pinging-server");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    public URI uri() {
        return URI.create("ws://127.0.0.1:" + listener.getLocalPort() + "/echo");
    }

    /** The pongs received so far, in order, from every connection. */
    public BlockingQueue<Pong> pongs() {
        return pongs;
    }

    @Override
    public void close() throws IOException {
        listener.close();
    }

    private void acceptLoop() {
        while (!listener.isClosed()) {
            try {
                Socket socket = listener.accept();
                Thread connection = new Thread(() -> serve(socket), "pinging-server-connection");
                connection.setDaemon(true);
                connection.start();
            } catch (IOException closed) {
                return;
            }
        }
    }

    private void serve(Socket socket) {
        try (socket) {
            socket.setTcpNoDelay(true); // each write below goes out as its own segment
            InputStream in = socket.getInputStream();
            OutputStream out = socket.getOutputStream();
            WSConnection ws = new WSConnection(ConnectionType.SERVER, Limits.forMessagesUpTo(64 << 20));
            MessageAssembler assembler = new MessageAssembler();
            byte[] buffer = new byte[64 * 1024];
            for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                ws.receiveData(ByteBuffer.wrap(buffer, 0, n));
                for (Event e : ws.events()) {
                    if (e instanceof Request) {
                        ByteBuffer accept = ws.send(new AcceptConnection(null, List.of(new PerMessageDeflate()), List.of()));
                        write(out, accept, ws.send(AFTER_HANDSHAKE));
                    } else if (e instanceof Message part) {
                        Message whole = assembler.add(part);
                        if (whole != null) {
                            write(out, ws.send(BEFORE_ECHO));
                            Message[] halves = halves(whole);
                            write(out, ws.send(halves[0]));
                            write(out, ws.send(INSIDE_ECHO));
                            write(out, ws.send(halves[1]));
                        }
                    } else if (e instanceof Ping ping && ws.state() == ConnectionState.OPEN) {
                        write(out, ws.send(ping.response()));
                    } else if (e instanceof Pong pong) {
                        pongs.add(pong);
                    } else if (e instanceof CloseConnection close) {
                        if (ws.state() == ConnectionState.REMOTE_CLOSING) {
                            write(out, ws.send(close.response()));
                        }
                        return;
                    }
                }
            }
        } catch (IOException | RuntimeException e) {
            // the client went away or broke the protocol: this connection ends, the server goes on
        }
    }

    /** A whole message as two fragments, the text cut on a character boundary. */
    private static Message[] halves(Message whole) {
        if (whole instanceof TextMessage t) {
            int cut = t.data().length() / 2;
            if (cut > 0 && Character.isLowSurrogate(t.data().charAt(cut))) {
                cut--;
            }
            return new Message[] {new TextMessage(t.data().substring(0, cut), true, false), new TextMessage(t.data().substring(cut), true, true)};
        }
        byte[] data = ((BytesMessage) whole).data();
        int cut = data.length / 2;
        return new Message[] {new BytesMessage(Arrays.copyOfRange(data, 0, cut), true, false),
                new BytesMessage(Arrays.copyOfRange(data, cut, data.length), true, true)};
    }

    /** One TCP write of all the buffers. */
    private static void write(OutputStream out, ByteBuffer... buffers) throws IOException {
        int size = Arrays.stream(buffers).mapToInt(ByteBuffer::remaining).sum();
        ByteBuffer joined = ByteBuffer.allocate(size);
        for (ByteBuffer b : buffers) {
            joined.put(b);
        }
        out.write(joined.array(), 0, size);
        out.flush();
    }

    private static Ping ping(String payload) {
        return new Ping(payload.getBytes(StandardCharsets.UTF_8));
    }
}
