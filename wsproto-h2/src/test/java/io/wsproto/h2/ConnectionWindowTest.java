package io.wsproto.h2;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.netty.handler.codec.http2.Http2CodecUtil;
import java.io.DataInputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The connection-level receive window a peer actually sees on the wire: HTTP/2's initial 65,535 bytes plus
 * every WINDOW_UPDATE on stream 0, before any data flows. It must be the documented
 * {@link ConnectionWindow#SIZE}, on the server and on the client.
 */
@org.junit.jupiter.api.extension.ExtendWith(NettyLeaks.class)
@Timeout(30)
class ConnectionWindowTest {
    /** Long enough for every WINDOW_UPDATE sent at connection start to arrive on loopback. */
    private static final long SETTLE_MILLIS = 500;

    @Test
    void theServerGrantsARawClientTheDocumentedConnectionWindow() throws Exception {
        WebSocketServer server = WebSocketServer.builder().routes(new WebSocketRoutes()).plaintext("127.0.0.1", 0).threads(1).start();
        try (RawHttp2 peer = new RawHttp2(server.plaintextPort())) {
            Thread.sleep(SETTLE_MILLIS);
            assertEquals(ConnectionWindow.SIZE, Http2CodecUtil.DEFAULT_WINDOW_SIZE + peer.connectionWindowIncrements.get());
        } finally {
            server.close();
        }
    }

    @Test
    void theClientGrantsARawServerTheDocumentedConnectionWindow() throws Exception {
        try (ServerSocket listener = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            AtomicLong increments = new AtomicLong();
            CompletableFuture<Void> settled = new CompletableFuture<>();
            Thread rawServer = new Thread(() -> {
                try (Socket s = listener.accept()) {
                    s.setSoTimeout((int) SETTLE_MILLIS);
                    DataInputStream in = new DataInputStream(s.getInputStream());
                    in.readNBytes(24); // the client's preface
                    OutputStream out = s.getOutputStream();
                    out.write(new byte[] {0, 0, 0, RawHttp2.SETTINGS, 0, 0, 0, 0, 0}); // empty SETTINGS
                    out.flush();
                    try {
                        while (true) {
                            int length = in.readUnsignedByte() << 16 | in.readUnsignedShort();
                            int type = in.readUnsignedByte();
                            in.readUnsignedByte();
                            int stream = in.readInt() & 0x7FFFFFFF;
                            byte[] payload = in.readNBytes(length);
                            if (type == RawHttp2.WINDOW_UPDATE && stream == 0) {
                                increments.addAndGet(ByteBuffer.wrap(payload).getInt() & 0x7FFFFFFF);
                            }
                        }
                    } catch (java.net.SocketTimeoutException quiet) {
                        settled.complete(null); // nothing more for SETTLE_MILLIS
                    }
                } catch (Exception e) {
                    settled.completeExceptionally(e);
                }
            }, "raw h2 server");
            rawServer.setDaemon(true);
            rawServer.start();
            CompletableFuture<Http2WebSocketClient> client = Http2WebSocketClient.connect("127.0.0.1", listener.getLocalPort(), null);
            settled.get(10, TimeUnit.SECONDS);
            assertEquals(ConnectionWindow.SIZE, Http2CodecUtil.DEFAULT_WINDOW_SIZE + increments.get());
            client.thenAccept(Http2WebSocketClient::close);
        }
    }
}
