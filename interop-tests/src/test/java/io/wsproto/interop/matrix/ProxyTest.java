package io.wsproto.interop.matrix;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.wsproto.events.Event;
import io.wsproto.events.Ping;
import io.wsproto.events.Pong;
import io.wsproto.h2.WebSocketClient;
import io.wsproto.h2.WebSocketHandler;
import io.wsproto.h2.WebSocketSession;
import java.net.URI;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * nghttpx between our client and {@code serve}, both ways round: messages, pings and the close handshake
 * pass through, and a close started on either side reaches the other with its code and reason, while
 * {@code serve}'s log shows the WebSocket arrived as the proxy's backend protocol. The matrix runs the echo
 * plan of every client through the same proxies.
 */
@org.junit.jupiter.api.extension.ExtendWith(io.wsproto.h2.NettyLeaks.class)
@Timeout(120)
class ProxyTest {
    @BeforeEach
    void requireNghttpx() {
        Peers.require("nghttpx", NghttpxProxy.absentBecause());
    }

    /** Collects pongs and the close. */
    static final class Watcher implements WebSocketHandler {
        final BlockingQueue<String> texts = new LinkedBlockingQueue<>();
        final BlockingQueue<Pong> pongs = new LinkedBlockingQueue<>();
        final CompletableFuture<String> closed = new CompletableFuture<>();

        @Override
        public void onText(WebSocketSession session, String text) {
            texts.add(text);
        }

        @Override
        public void onEvent(WebSocketSession session, Event event) {
            if (event instanceof Pong pong) {
                pongs.add(pong);
            }
        }

        @Override
        public void onClose(WebSocketSession session, int code, String reason) {
            closed.complete(code + " " + reason);
        }
    }

    @ParameterizedTest
    @EnumSource(value = Transport.class, names = {"PROXY_H2C_TO_H1", "PROXY_H1_TO_H2C"})
    void closesFromEitherSideReachTheOtherWithTheirCode(Transport transport) throws Exception {
        try (Workspace workspace = new Workspace();
             ServerPeer.Running serve = new Participants.Ours("wsproto", false).start(workspace);
             WebSocketClient client = WebSocketClient.builder().h2cPriorKnowledge(transport.front().http2).threads(1).build()) {
            Participants.Ours.Log log = (Participants.Ours.Log) serve;
            String echo = serve.url(transport);

            Watcher first = new Watcher();
            WebSocketSession ws = client.connect(URI.create(echo), first).get(10, TimeUnit.SECONDS);
            assertEquals(transport.front().http2, ws.isHttp2(), "we speak the proxy's front protocol");
            ws.sendText("through the proxy");
            assertEquals("through the proxy", first.texts.poll(10, TimeUnit.SECONDS));
            ws.send(new Ping("across".getBytes()));
            assertEquals("across", new String(first.pongs.poll(10, TimeUnit.SECONDS).payload()));
            ws.close(4002, "client says bye");
            assertEquals("4002 client says bye", first.closed.get(10, TimeUnit.SECONDS), "the server's reply carries our code");
            awaitLog(log, "with code 4002 (client says bye)");

            Watcher second = new Watcher();
            client.connect(URI.create(echo.replace("/echo", "/close?code=4001&reason=server%20says%20bye")), second).get(10, TimeUnit.SECONDS);
            assertEquals("4001 server says bye", second.closed.get(10, TimeUnit.SECONDS), "the server's close reached us with its code");

            String opened = transport.back().http2 ? "websocket opened via h2 extended CONNECT stream" : "websocket opened via HTTP/1.1 upgrade";
            assertTrue(log.log().contains(opened), "serve saw the proxy's backend protocol: " + log.log());
        }
    }

    private static void awaitLog(Participants.Ours.Log log, String line) throws InterruptedException {
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!log.log().contains(line) && System.nanoTime() < until) {
            Thread.sleep(20);
        }
        assertTrue(log.log().contains(line), "serve logged '" + line + "': " + log.log());
    }
}
