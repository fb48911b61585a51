package io.wsproto.h2;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.wsproto.events.AcceptConnection;
import io.wsproto.events.Request;
import io.wsproto.extensions.PerMessageDeflate;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The README's HTTP/2 example, kept compiling and passing. Keep the two in step. */
@org.junit.jupiter.api.extension.ExtendWith(NettyLeaks.class)
class ReadmeH2ExampleTest {
    @Test
    @Timeout(30)
    void readmeExampleRuns() throws Exception {
        Tls.Identity identity = TestTls.localhost(); // the README loads one with Tls.Identity.fromKeyStore
        // --- README example start ---
        WebSocketHandler echo = new WebSocketHandler() {
            @Override
            public void onText(WebSocketSession session, String text) {
                session.sendText(text);                                   // echo it back
            }
        };
        WebSocketServer server = WebSocketServer.builder()
                .routes(new WebSocketRoutes().add("/echo",
                        request -> new AcceptConnection(null, List.of(new PerMessageDeflate()), List.of()), () -> echo))
                .plaintext("127.0.0.1", 0)                                // HTTP/1.1 and h2c on one port
                .tls(0, Tls.server(identity, Tls.Provider.JDK))           // h2 and http/1.1 by ALPN
                .start();

        CompletableFuture<String> reply = new CompletableFuture<>();
        try (Http2WebSocketClient h2 = Http2WebSocketClient.connect("127.0.0.1", server.plaintextPort(), null).get()) {
            WebSocketSession ws = h2.open(new Request("localhost", "/echo", List.of(), List.of(new PerMessageDeflate()), List.of()),
                    new WebSocketHandler() {
                        @Override
                        public void onText(WebSocketSession session, String text) {
                            reply.complete(text);
                        }
                    }).get();
            ws.sendText("hello over one HTTP/2 stream");
            System.out.println(reply.get(5, TimeUnit.SECONDS) + " " + ws.isHttp2() + " " + ws.extensions());
            ws.close(1000, "done");
        }
        server.close();
        // --- README example end ---
        assertEquals("hello over one HTTP/2 stream", reply.get());
    }
}
