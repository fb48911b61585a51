package io.wsproto.h2;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;

/** A bare HTTP/1.1 WebSocket client over a socket, for tests that play a hostile or broken peer. */
final class RawClient implements AutoCloseable {
    /** A frame from the server: opcode and payload (unmasked). */
    record Frame(int opcode, boolean fin, byte[] payload) {
        int closeCode() {
            return payload.length < 2 ? -1 : (payload[0] & 0xFF) << 8 | (payload[1] & 0xFF);
        }
    }

    final Socket socket;
    final InputStream in;
    final OutputStream out;
    /** The upgrade response head. */
    final String response;

    private RawClient(Socket socket, String response) throws IOException {
        this.socket = socket;
        this.in = socket.getInputStream();
        this.out = socket.getOutputStream();
        this.response = response;
    }

    static Socket connect(int port) throws IOException {
        Socket s = new Socket();
        s.connect(new InetSocketAddress("127.0.0.1", port), 5000);
        s.setSoTimeout(10_000);
        return s;
    }

    static String request(String path, String extensions) {
        return "GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n"
                + (extensions == null ? "" : "Sec-WebSocket-Extensions: " + extensions + "\r\n") + "\r\n";
    }

    /** Upgrades on {@code path}; the response must be 101. */
    static RawClient open(int port, String path, String extensions) throws IOException {
        Socket s = connect(port);
        s.getOutputStream().write(request(path, extensions).getBytes(StandardCharsets.ISO_8859_1));
        String head = readHead(s.getInputStream());
        if (!head.startsWith("HTTP/1.1 101")) {
            s.close();
            throw new IOException("not upgraded: " + head);
        }
        return new RawClient(s, head);
    }

    /** Reads a response head byte by byte (so nothing after it is consumed). */
    static String readHead(InputStream in) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        int c;
        while ((c = in.read()) >= 0) {
            b.write(c);
            byte[] a = b.toByteArray();
            int n = a.length;
            if (n >= 4 && a[n - 4] == '\r' && a[n - 3] == '\n' && a[n - 2] == '\r' && a[n - 1] == '\n') {
                break;
            }
        }
        return b.toString(StandardCharsets.ISO_8859_1);
    }

    /** A masked frame as a client sends it (mask key zero keeps the payload readable in captures). */
    static byte[] frame(boolean fin, int rsv, int opcode, byte[] payload) {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        b.write((fin ? 0x80 : 0) | rsv << 4 | opcode);
        int n = payload.length;
        if (n <= 125) {
            b.write(0x80 | n);
        } else if (n <= 0xFFFF) {
            b.write(0x80 | 126);
            b.write(n >> 8);
            b.write(n & 0xFF);
        } else {
            b.write(0x80 | 127);
            for (int shift = 56; shift >= 0; shift -= 8) {
                b.write((int) ((long) n >> shift) & 0xFF);
            }
        }
        b.writeBytes(new byte[] {0x11, 0x22, 0x33, 0x44});
        for (int i = 0; i < n; i++) {
            b.write(payload[i] ^ new byte[] {0x11, 0x22, 0x33, 0x44}[i & 3]);
        }
        return b.toByteArray();
    }

    void send(byte[] bytes) throws IOException {
        out.write(bytes);
        out.flush();
    }

    /** The next frame from the server, or null at the end of the connection. */
    Frame read() throws IOException {
        int b0 = in.read();
        if (b0 < 0) {
            return null;
        }
        int b1 = in.read();
        long n = b1 & 0x7F;
        if (n == 126) {
            n = (in.read() << 8) | in.read();
        } else if (n == 127) {
            n = 0;
            for (int i = 0; i < 8; i++) {
                n = n << 8 | in.read();
            }
        }
        byte[] payload = in.readNBytes((int) n);
        return new Frame(b0 & 0xF, (b0 & 0x80) != 0, payload);
    }

    /** Reads frames until a close, which it returns; null if the connection ends first. */
    Frame readUntilClose() throws IOException {
        Frame f;
        while ((f = read()) != null) {
            if (f.opcode() == 8) {
                return f;
            }
        }
        return null;
    }

    /** Whether the server ends the connection within {@code millis} (anything it still sends is skipped). */
    boolean endsWithin(long millis) throws IOException {
        socket.setSoTimeout((int) millis);
        try {
            byte[] skip = new byte[8192];
            while (in.read(skip) >= 0) {
                // draining
            }
            return true;
        } catch (SocketTimeoutException e) {
            return false;
        } catch (IOException reset) {
            return true;
        }
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
