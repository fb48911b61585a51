package io.wsproto.h1;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.wsproto.ConnectionState;
import io.wsproto.events.AcceptConnection;
import io.wsproto.events.BytesMessage;
import io.wsproto.events.CloseConnection;
import io.wsproto.events.Event;
import io.wsproto.events.Ping;
import io.wsproto.events.Pong;
import io.wsproto.events.RejectConnection;
import io.wsproto.events.TextMessage;
import io.wsproto.extensions.PerMessageDeflate;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The blocking adapter on real loopback sockets, our client against our server. */
@Timeout(30)
class BlockingWebSocketTest {
    private ServerSocket listener;
    /** What the echo server saw last: the close it received. */
    private final CompletableFuture<CloseConnection> serverSawClose = new CompletableFuture<>();

    @BeforeEach
    void listen() throws IOException {
        listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    }

    @AfterEach
    void stop() throws IOException {
        listener.close();
    }

    private URI uri() {
        return URI.create("ws://127.0.0.1:" + listener.getLocalPort() + "/echo");
    }

    /** Serves one connection: echoes messages, records the close. */
    private void echoOnce(java.util.function.Function<io.wsproto.events.Request, Event> decide) {
        Thread server = new Thread(() -> {
            try (Socket s = listener.accept()) {
                BlockingWebSocket ws = BlockingWebSocket.serverHandshake(s, decide, new WebSocketOptions());
                if (ws == null) {
                    return;
                }
                Event e;
                while ((e = ws.receive()) != null) {
                    if (e instanceof TextMessage || e instanceof BytesMessage) {
                        ws.send(e);
                    } else if (e instanceof CloseConnection c) {
                        serverSawClose.complete(c);
                    }
                }
            } catch (Exception e) {
                serverSawClose.completeExceptionally(e);
            }
        });
        server.setDaemon(true);
        server.start();
    }

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void echoesMessagesOfEverySizeAndClosesWith1000(boolean deflate) throws Exception {
        echoOnce(r -> new AcceptConnection(null, List.of(new PerMessageDeflate()), List.of()));
        try (BlockingWebSocket ws = BlockingWebSocket.connect(uri(), new WebSocketOptions().deflate(deflate))) {
            assertEquals(deflate ? 1 : 0, ws.extensions().size(), "deflate negotiated exactly when offered");
            Random random = new Random(5);
            for (int size : new int[] {0, 1, 125, 126, 65536, 1 << 20}) {
                byte[] payload = new byte[size];
                random.nextBytes(payload);
                ws.send(new BytesMessage(payload));
                assertArrayEquals(payload, ((BytesMessage) ws.receive()).data(), "binary of " + size);
                String text = "é".repeat(size / 2);
                ws.send(new TextMessage(text));
                assertEquals(text, ((TextMessage) ws.receive()).data(), "text of " + size);
            }
            ws.send(new TextMessage("frag", true, false));
            ws.send(new TextMessage("ment"));
            assertEquals("fragment", ((TextMessage) ws.receive()).data());
            ws.send(new Ping("p".getBytes()));
            assertEquals(new Pong("p".getBytes()), ws.receive());
            CloseConnection reply = ws.close(1000, "done");
            assertEquals(1000, reply.code());
            assertEquals(ConnectionState.CLOSED, ws.state());
        }
        assertEquals(1000, serverSawClose.get(10, TimeUnit.SECONDS).code());
    }

    @Test
    void rejectedHandshakeRaisesWithTheStatus() {
        echoOnce(r -> new RejectConnection(403));
        HandshakeRejectedException e = assertThrows(HandshakeRejectedException.class,
                () -> BlockingWebSocket.connect(uri(), new WebSocketOptions()));
        assertEquals(403, e.status());
    }

    @Test
    void malformedRequestGetsA400WithTheReason() throws Exception {
        echoOnce(r -> new AcceptConnection());
        try (Socket raw = new Socket(InetAddress.getLoopbackAddress(), listener.getLocalPort())) {
            raw.getOutputStream().write("GET /echo HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            InputStream in = raw.getInputStream();
            String response = new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
            assertTrue(response.startsWith("HTTP/1.1 400 Bad Request\r\n"), response);
            assertTrue(response.endsWith("Upgrade header must contain websocket\n"), response);
        }
    }

    @Test
    void serverAnswersAPeerThatBreaksTheProtocolAndCloses() throws Exception {
        echoOnce(r -> new AcceptConnection());
        try (Socket raw = new Socket(InetAddress.getLoopbackAddress(), listener.getLocalPort())) {
            raw.setSoTimeout(5000);
            raw.getOutputStream().write(("GET /echo HTTP/1.1\r\nHost: x\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                    + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            raw.getOutputStream().write(new byte[] {(byte) 0x81, 0x02, 'h', 'i'}); // unmasked: a violation
            byte[] all = raw.getInputStream().readAllBytes();
            String text = new String(all, StandardCharsets.ISO_8859_1);
            int frame = text.indexOf("\r\n\r\n") + 4;
            assertEquals(0x88, all[frame] & 0xFF, "a close frame follows the 101");
            assertEquals(1002, ((all[frame + 2] & 0xFF) << 8) | (all[frame + 3] & 0xFF));
        }
        CloseConnection seen = serverSawClose.get(10, TimeUnit.SECONDS);
        assertEquals(CloseConnection.Origin.VIOLATION, seen.origin());
    }

    @Test
    void receiveReturnsNullAfterTheClose() throws Exception {
        echoOnce(r -> new AcceptConnection());
        BlockingWebSocket ws = BlockingWebSocket.connect(uri(), new WebSocketOptions().closeTimeout(Duration.ofSeconds(5)));
        ws.send(new io.wsproto.events.CloseConnection(1001, "going"));
        CloseConnection reply = (CloseConnection) ws.receive();
        assertEquals(1001, reply.code());
        assertNull(ws.receive());
        ws.close();
    }
}
