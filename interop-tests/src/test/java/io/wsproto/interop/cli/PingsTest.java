package io.wsproto.interop.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.wsproto.events.AcceptConnection;
import io.wsproto.events.Event;
import io.wsproto.events.Ping;
import io.wsproto.events.Pong;
import io.wsproto.events.Request;
import io.wsproto.extensions.PerMessageDeflate;
import io.wsproto.h1.PingingServer;
import io.wsproto.h2.Http2WebSocketClient;
import io.wsproto.h2.WebSocketHandler;
import io.wsproto.h2.WebSocketRoutes;
import io.wsproto.h2.WebSocketServer;
import io.wsproto.h2.WebSocketSession;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Servers that ping, as real ones do for keepalive, never break our clients: a ping in the same write as
 * the 101, before an echo, or between the fragments of a message is answered and never taken for an echo,
 * by the {@code client} command over h1, h2c and TLS h2 with and without permessage-deflate, and by
 * {@link Http2WebSocketClient}'s handler ({@code BlockingWebSocket} has its own test beside it in wsproto-h1).
 */
@org.junit.jupiter.api.extension.ExtendWith(io.wsproto.h2.NettyLeaks.class)
@Timeout(120)
class PingsTest {
    static WebSocketServer servePings;
    static PingingServer handMade;

    @BeforeAll
    static void start() throws Exception {
        servePings = ServeCommand.start(ServeCommand.Settings.loopback().withPings(true), io.wsproto.h2.TestTls.localhost(),
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
        handMade = new PingingServer();
    }

    @AfterAll
    static void stop() throws Exception {
        servePings.close();
        handMade.close();
    }

    @ParameterizedTest(name = "client {0}")
    @ValueSource(strings = {"", "--deflate"})
    void clientPassesAgainstAHandMadeServerThatPingsInThe101sWriteBetweenMessagesAndBetweenFragments(String deflate) throws Exception {
        int pongsBefore = handMade.pongs().size();
        String[] result = ServeAndClientTest.run(withFlags(List.of("client", handMade.uri().toString(), "--messages", "3", "--size", "3000"), deflate));
        assertEquals("0", result[0], result[1] + result[2]);
        assertTrue(result[1].startsWith("PASS HTTP/1.1"), result[1]);
        // one after the handshake, then two per echo: 3 text, 3 binary and the fragmented message
        Thread.sleep(200);
        assertEquals(1 + 2 * 7, handMade.pongs().size() - pongsBefore, "every ping was answered");
    }

    @ParameterizedTest(name = "client {0} {1} {2} against serve --pings")
    @CsvSource({
            "ws,  '',   ''",
            "ws,  '',   --deflate",
            "ws,  --h2, ''",
            "ws,  --h2, --deflate",
            "wss, --h2, ''",
            "wss, --h2, --deflate",
            "wss, '',   --deflate",
            "wss, --transport h1, --deflate",
    })
    void clientPassesAgainstServePings(String scheme, String h2, String deflate) throws Exception {
        int port = scheme.equals("ws") ? servePings.plaintextPort() : servePings.tlsPort();
        String host = scheme.equals("ws") ? "127.0.0.1" : "localhost";
        String[] result = ServeAndClientTest.run(withFlags(List.of("client", scheme + "://" + host + ":" + port + "/echo", "--messages", "3"), h2, deflate));
        assertEquals("0", result[0], result[1] + result[2]);
        // Without a flag the client chooses: over TLS, serve offers RFC 8441, so HTTP/2.
        boolean http2 = h2.equals("--h2") || (h2.isEmpty() && scheme.equals("wss"));
        assertTrue(result[1].startsWith("PASS " + (http2 ? "h2" : "HTTP/1.1")), result[1]);
    }

    @Test
    void http2ClientHandlerSeesPingsAlreadyAnsweredAndWholeMessages() throws Exception {
        BlockingQueue<Pong> pongsAtServer = new LinkedBlockingQueue<>();
        EchoHandler.Listener quiet = new EchoHandler.Listener() {
            @Override
            public void opened(WebSocketSession session) {
            }

            @Override
            public void closed(WebSocketSession session, int code, String reason) {
            }
        };
        WebSocketServer server = WebSocketServer.builder()
                .routes(new WebSocketRoutes().add("/echo", request -> new AcceptConnection(null, List.of(new PerMessageDeflate()), List.of()),
                        () -> new PongRecorder(new EchoHandler(quiet, true), pongsAtServer)))
                .plaintext("127.0.0.1", 0)
                .start();
        BlockingQueue<Object> seen = new LinkedBlockingQueue<>();
        try (Http2WebSocketClient h2 = Http2WebSocketClient.connect("127.0.0.1", server.plaintextPort(), null).get(10, TimeUnit.SECONDS)) {
            WebSocketSession ws = h2.open(new Request("127.0.0.1", "/echo"), new WebSocketHandler() {
                @Override
                public void onText(WebSocketSession session, String text) {
                    seen.add(text);
                }

                @Override
                public void onEvent(WebSocketSession session, Event event) {
                    if (event instanceof Ping ping) {
                        seen.add(ping);
                    }
                }
            }).get(10, TimeUnit.SECONDS);
            ws.sendText("pinged around and inside").get(10, TimeUnit.SECONDS);
            List<Object> got = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                got.add(seen.poll(10, TimeUnit.SECONDS));
            }
            assertEquals(List.of(EchoHandler.ON_OPEN, EchoHandler.BEFORE_ECHO, EchoHandler.INSIDE_ECHO, "pinged around and inside"), got);
            for (Ping sent : List.of(EchoHandler.ON_OPEN, EchoHandler.BEFORE_ECHO, EchoHandler.INSIDE_ECHO)) {
                assertEquals(sent.response(), pongsAtServer.poll(10, TimeUnit.SECONDS), "the session answered the ping itself");
            }
            ws.close(1000, "done").get(10, TimeUnit.SECONDS);
        } finally {
            server.close();
        }
    }

    /** Records the pongs a handler's session receives, passing everything on. */
    private record PongRecorder(WebSocketHandler inner, BlockingQueue<Pong> pongs) implements WebSocketHandler {
        @Override
        public void onOpen(WebSocketSession session) {
            inner.onOpen(session);
        }

        @Override
        public void onText(WebSocketSession session, String text) {
            inner.onText(session, text);
        }

        @Override
        public void onEvent(WebSocketSession session, Event event) {
            if (event instanceof Pong pong) {
                pongs.add(pong);
            }
        }
    }

    private static String[] withFlags(List<String> args, String... flags) {
        List<String> all = new ArrayList<>(args);
        for (String flag : flags) {
            if (!flag.isEmpty()) {
                all.addAll(List.of(flag.split(" ")));
            }
        }
        return all.toArray(String[]::new);
    }
}
