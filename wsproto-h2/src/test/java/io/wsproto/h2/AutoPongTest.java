package io.wsproto.h2;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.wsproto.events.AcceptConnection;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * RFC 6455 §5.5.2: a ping is answered "unless it already received a Close frame". A session that has sent
 * its own close and waits for the reply (LOCAL_CLOSING) still answers, as {@code BlockingWebSocket} does.
 */
@org.junit.jupiter.api.extension.ExtendWith(NettyLeaks.class)
@Timeout(30)
class AutoPongTest {
    private static final int PING = 0x9;
    private static final int PONG = 0xA;
    private static final int CLOSE = 0x8;

    @Test
    void aPingThatArrivesAfterOurCloseIsStillAnswered() throws Exception {
        WebSocketHandler closesOnAnyMessage = new WebSocketHandler() {
            @Override
            public void onText(WebSocketSession session, String text) {
                session.close(1000, "asked to");
            }
        };
        WebSocketServer server = WebSocketServer.builder()
                .routes(new WebSocketRoutes().add("/closer", r -> new AcceptConnection(), () -> closesOnAnyMessage))
                .plaintext("127.0.0.1", 0).threads(1).start();
        try (RawClient c = RawClient.open(server.plaintextPort(), "/closer", null)) {
            c.send(RawClient.frame(true, 0, 1, "close, please".getBytes(StandardCharsets.UTF_8)));
            RawClient.Frame close = c.readUntilClose();
            assertNotNull(close, "the server's close");
            byte[] payload = "still there?".getBytes(StandardCharsets.UTF_8);
            c.send(RawClient.frame(true, 0, PING, payload));
            RawClient.Frame pong = c.read();
            assertNotNull(pong, "an answer to the ping");
            assertEquals(PONG, pong.opcode());
            assertArrayEquals(payload, pong.payload());
            c.send(RawClient.frame(true, 0, CLOSE, new byte[] {0x03, (byte) 0xE8}));
            assertTrue(c.endsWithin(3000), "the close handshake completes");
        } finally {
            server.close();
        }
    }
}
