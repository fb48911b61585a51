package io.wsproto.interop.conformance;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/** A WebSocket over an HTTP/1.1 connection, opened by the tester's own minimal upgrade (RFC 6455 §4). */
final class H1Wire implements Wire {
    private static final String GUID = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11";
    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;
    private byte[] early;

    private H1Wire(Socket socket, byte[] early) throws IOException {
        this.socket = socket;
        this.in = socket.getInputStream();
        this.out = socket.getOutputStream();
        this.early = early;
    }

    /** The response head of an upgrade, and the wire if it succeeded. */
    record Opened(H1Wire wire, int status, Map<String, String> headers) {
    }

    /** Connects to a server under test and upgrades, offering {@code extensions} (null: no header). */
    static Opened connect(int port, String path, String extensions) throws IOException {
        Socket socket = new Socket();
        socket.connect(new InetSocketAddress("127.0.0.1", port), 5000);
        socket.setTcpNoDelay(true);
        byte[] keyBytes = new byte[16];
        new SecureRandom().nextBytes(keyBytes);
        String key = Base64.getEncoder().encodeToString(keyBytes);
        String request = "GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                + "Sec-WebSocket-Key: " + key + "\r\nSec-WebSocket-Version: 13\r\n"
                + (extensions == null ? "" : "Sec-WebSocket-Extensions: " + extensions + "\r\n") + "\r\n";
        socket.getOutputStream().write(request.getBytes(StandardCharsets.ISO_8859_1));
        socket.setSoTimeout(5000);
        Head head = readHead(socket.getInputStream());
        String[] statusLine = head.lines[0].split(" ", 3);
        int status = Integer.parseInt(statusLine[1]);
        if (status != 101) {
            socket.close();
            return new Opened(null, status, head.headers);
        }
        if (!accept(key).equals(head.headers.get("sec-websocket-accept"))) {
            socket.close();
            throw new IOException("the server's Sec-WebSocket-Accept is wrong");
        }
        return new Opened(new H1Wire(socket, head.rest), status, head.headers);
    }

    /** A client's upgrade request as a tester server read it. */
    record Upgrade(Socket socket, Map<String, String> headers, byte[] rest) {
        /** Answers 101 with {@code extensions} (null: none); the extra header lines are for handshake cases. */
        H1Wire accept(String extensions) throws IOException {
            String response = "HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                    + "Sec-WebSocket-Accept: " + H1Wire.accept(headers.getOrDefault("sec-websocket-key", "")) + "\r\n"
                    + (extensions == null ? "" : "Sec-WebSocket-Extensions: " + extensions + "\r\n") + "\r\n";
            socket.getOutputStream().write(response.getBytes(StandardCharsets.ISO_8859_1));
            return new H1Wire(socket, rest);
        }
    }

    /** Accepts one client under test and reads its upgrade request. */
    static Upgrade accept(ServerSocket server) throws IOException {
        Socket socket = server.accept();
        socket.setTcpNoDelay(true);
        socket.setSoTimeout(5000);
        Head head = readHead(socket.getInputStream());
        return new Upgrade(socket, head.headers, head.rest);
    }

    private record Head(String[] lines, Map<String, String> headers, byte[] rest) {
    }

    private static Head readHead(InputStream in) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        byte[] chunk = new byte[4096];
        while (true) {
            int n = in.read(chunk);
            if (n < 0) {
                throw new IOException("the connection ended during the handshake");
            }
            bytes.write(chunk, 0, n);
            byte[] all = bytes.toByteArray();
            for (int i = 3; i < all.length; i++) {
                if (all[i - 3] == '\r' && all[i - 2] == '\n' && all[i - 1] == '\r' && all[i] == '\n') {
                    String[] lines = new String(all, 0, i - 3, StandardCharsets.ISO_8859_1).split("\r\n");
                    Map<String, String> headers = new LinkedHashMap<>();
                    for (int l = 1; l < lines.length; l++) {
                        int colon = lines[l].indexOf(':');
                        String name = lines[l].substring(0, colon).trim().toLowerCase(Locale.ROOT);
                        headers.merge(name, lines[l].substring(colon + 1).trim(), (a, b) -> a + ", " + b);
                    }
                    byte[] rest = new byte[all.length - i - 1];
                    System.arraycopy(all, i + 1, rest, 0, rest.length);
                    return new Head(lines, headers, rest);
                }
            }
            if (all.length > 65536) {
                throw new IOException("a handshake head over 64 KiB");
            }
        }
    }

    static String accept(String key) {
        try {
            byte[] sha1 = MessageDigest.getInstance("SHA-1").digest((key + GUID).getBytes(StandardCharsets.ISO_8859_1));
            return Base64.getEncoder().encodeToString(sha1);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void write(byte[] bytes) throws IOException {
        out.write(bytes);
        out.flush();
    }

    @Override
    public Object read(long millis) throws IOException {
        if (early != null && early.length > 0) {
            byte[] r = early;
            early = null;
            return r;
        }
        socket.setSoTimeout((int) Math.max(1, millis));
        byte[] chunk = new byte[65536];
        try {
            int n = in.read(chunk);
            if (n < 0) {
                return new Seen.End("TCP closed");
            }
            byte[] r = new byte[n];
            System.arraycopy(chunk, 0, r, 0, n);
            return r;
        } catch (SocketTimeoutException e) {
            return null;
        } catch (IOException e) {
            return new Seen.End("TCP reset: " + e.getMessage());
        }
    }

    @Override
    public void end() {
        close();
    }

    @Override
    public void close() {
        try {
            socket.close();
        } catch (IOException ignored) {
            // closing anyway
        }
    }
}
