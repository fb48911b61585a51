package io.wsproto.h2;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A bare HTTP/2 client over a socket (RFC 9113 framing, HPACK literals only) for tests that must break the
 * rules Netty's own client enforces, such as opening more streams than the server allows.
 */
final class RawHttp2 implements AutoCloseable {
    private static final byte[] PREFACE = "PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
    static final int DATA = 0x0;
    static final int HEADERS = 0x1;
    static final int WINDOW_UPDATE = 0x8;
    static final int RST_STREAM = 0x3;
    static final int SETTINGS = 0x4;
    static final int GOAWAY = 0x7;

    private final Socket socket;
    private final OutputStream out;
    /** Streams the server answered with HEADERS, and those it reset with their error codes. */
    final AtomicInteger responses = new AtomicInteger();
    final Map<Integer, Integer> resets = new ConcurrentHashMap<>();
    /** DATA bytes received per stream. */
    final Map<Integer, Integer> data = new ConcurrentHashMap<>();
    /** The WINDOW_UPDATE increments the server granted the whole connection (stream 0). */
    final java.util.concurrent.atomic.AtomicLong connectionWindowIncrements = new java.util.concurrent.atomic.AtomicLong();
    volatile boolean goaway;
    volatile boolean ended;

    RawHttp2(int port) throws IOException {
        this(port, -1);
    }

    /** With {@code initialWindow} >= 0 as SETTINGS_INITIAL_WINDOW_SIZE: how much the server may send per stream. */
    RawHttp2(int port, int initialWindow) throws IOException {
        socket = RawClient.connect(port);
        socket.setSoTimeout(0);
        out = socket.getOutputStream();
        out.write(PREFACE);
        frame(SETTINGS, 0, 0, initialWindow < 0 ? new byte[0]
                : new byte[] {0, 4, (byte) (initialWindow >> 24), (byte) (initialWindow >> 16), (byte) (initialWindow >> 8), (byte) initialWindow});
        Thread reader = new Thread(this::read, "raw h2 reader");
        reader.setDaemon(true);
        reader.start();
    }

    private void read() {
        try {
            DataInputStream in = new DataInputStream(socket.getInputStream());
            while (true) {
                int length = in.readUnsignedByte() << 16 | in.readUnsignedShort();
                int type = in.readUnsignedByte();
                int flags = in.readUnsignedByte();
                int stream = in.readInt() & 0x7FFFFFFF;
                byte[] payload = in.readNBytes(length);
                if (type == SETTINGS && (flags & 1) == 0) {
                    synchronized (this) {
                        frame(SETTINGS, 1, 0, new byte[0]);
                    }
                } else if (type == DATA) {
                    data.merge(stream, length, Integer::sum);
                } else if (type == HEADERS) {
                    responses.incrementAndGet();
                } else if (type == RST_STREAM) {
                    resets.put(stream, (payload[0] & 0xFF) << 24 | (payload[1] & 0xFF) << 16 | (payload[2] & 0xFF) << 8 | (payload[3] & 0xFF));
                } else if (type == WINDOW_UPDATE && stream == 0) {
                    connectionWindowIncrements.addAndGet(java.nio.ByteBuffer.wrap(payload).getInt() & 0x7FFFFFFF);
                } else if (type == GOAWAY) {
                    goaway = true;
                }
            }
        } catch (IOException e) {
            ended = true;
        }
    }

    synchronized void frame(int type, int flags, int stream, byte[] payload) throws IOException {
        byte[] head = {(byte) (payload.length >> 16), (byte) (payload.length >> 8), (byte) payload.length, (byte) type, (byte) flags,
            (byte) (stream >> 24), (byte) (stream >> 16), (byte) (stream >> 8), (byte) stream};
        out.write(head);
        out.write(payload);
        out.flush();
    }

    void windowUpdate(int stream, int increment) throws IOException {
        frame(WINDOW_UPDATE, 0, stream, new byte[] {(byte) (increment >> 24), (byte) (increment >> 16), (byte) (increment >> 8), (byte) increment});
    }

    /** An extended CONNECT for {@code path} on {@code stream} (odd), its header block in HPACK literals. */
    void connect(int stream, String path) throws IOException {
        ByteArrayOutputStream block = new ByteArrayOutputStream();
        String[][] headers = {{":method", "CONNECT"}, {":protocol", "websocket"}, {":scheme", "http"}, {":path", path},
            {":authority", "127.0.0.1"}, {"sec-websocket-version", "13"}};
        for (String[] h : headers) {
            block.write(0x00); // literal header field without indexing, new name (RFC 7541 §6.2.2)
            block.write(h[0].length());
            block.writeBytes(h[0].getBytes(StandardCharsets.US_ASCII));
            block.write(h[1].length());
            block.writeBytes(h[1].getBytes(StandardCharsets.US_ASCII));
        }
        frame(HEADERS, 0x4, stream, block.toByteArray()); // END_HEADERS, stream left open for the WebSocket
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
