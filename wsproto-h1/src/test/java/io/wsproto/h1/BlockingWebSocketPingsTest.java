package io.wsproto.h1;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.wsproto.events.BytesMessage;
import io.wsproto.events.CloseConnection;
import io.wsproto.events.Event;
import io.wsproto.events.Ping;
import io.wsproto.events.Pong;
import io.wsproto.events.TextMessage;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@link BlockingWebSocket#receive()} against a server that pings in the 101's write, before each echo and
 * between an echo's fragments: each ping is returned as an event after it was answered, and the message
 * around it comes back whole.
 */
@Timeout(30)
class BlockingWebSocketPingsTest {
    @ParameterizedTest(name = "deflate={0}")
    @ValueSource(booleans = {false, true})
    void pingsAroundAndInsideMessagesAreAnsweredAndReturnedBesideTheWholeMessage(boolean deflate) throws Exception {
        try (PingingServer server = new PingingServer();
             BlockingWebSocket ws = BlockingWebSocket.connect(server.uri(), new WebSocketOptions().deflate(deflate).readTimeout(Duration.ofSeconds(10)))) {
            assertEquals(deflate, !ws.extensions().isEmpty());
            ws.send(new TextMessage("héllo wörld 𝄞"));
            assertEquals(List.of(PingingServer.AFTER_HANDSHAKE, PingingServer.BEFORE_ECHO, PingingServer.INSIDE_ECHO,
                    new TextMessage("héllo wörld 𝄞")), receiveThroughMessage(ws));
            ws.send(new BytesMessage(new byte[] {1, 2, 3, 4, 5}));
            assertEquals(List.of(PingingServer.BEFORE_ECHO, PingingServer.INSIDE_ECHO, new BytesMessage(new byte[] {1, 2, 3, 4, 5})),
                    receiveThroughMessage(ws));
            for (Ping sent : List.of(PingingServer.AFTER_HANDSHAKE, PingingServer.BEFORE_ECHO, PingingServer.INSIDE_ECHO,
                    PingingServer.BEFORE_ECHO, PingingServer.INSIDE_ECHO)) {
                assertEquals(sent.response(), server.pongs().poll(5, TimeUnit.SECONDS), "every ping answered, in order");
            }
            CloseConnection reply = ws.close(1000, "done");
            assertTrue(reply != null && reply.code() == 1000, "the server's close reply: " + reply);
        }
    }

    /** Events up to and including the next message; pings are answered by the time they are returned. */
    private static List<Event> receiveThroughMessage(BlockingWebSocket ws) throws Exception {
        List<Event> events = new ArrayList<>();
        Event e;
        do {
            e = ws.receive();
            events.add(e);
        } while (e instanceof Ping || e instanceof Pong);
        return events;
    }
}
