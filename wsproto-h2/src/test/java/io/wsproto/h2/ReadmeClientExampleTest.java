package io.wsproto.h2;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.wsproto.events.AcceptConnection;
import java.net.URI;
import java.security.cert.X509Certificate;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The README's WebSocketClient example, kept compiling and passing. Keep the two in step. */
@org.junit.jupiter.api.extension.ExtendWith(NettyLeaks.class)
class ReadmeClientExampleTest {
    @Test
    @Timeout(30)
    void readmeClientExampleRuns() throws Exception {
        Tls.Identity identity = TestTls.localhost();
        WebSocketServer server = WebSocketServer.builder()
                .routes(new WebSocketRoutes().add("/echo", r -> new AcceptConnection(), () -> new TestHandlers.Echo(new LinkedBlockingQueue<>())))
                .tls(0, Tls.server(identity, Tls.Provider.JDK)).threads(1).start();
        X509Certificate certificate = identity.certificate(); // a private CA; leave trust() out for the JDK's trust store
        int port = server.tlsPort();
        String printed;
        boolean http2;
        try {
            // --- README example start ---
            try (WebSocketClient client = WebSocketClient.builder().trust(certificate).build()) {
                CompletableFuture<String> reply = new CompletableFuture<>();
                WebSocketSession ws = client.connect(URI.create("wss://localhost:" + port + "/echo"), new WebSocketHandler() {
                    @Override
                    public void onText(WebSocketSession session, String text) {
                        reply.complete(text);
                    }
                }).get();
                ws.sendText("hello");
                System.out.println(reply.get(5, TimeUnit.SECONDS) + " over " + (ws.isHttp2() ? "HTTP/2" : "HTTP/1.1")); // hello over HTTP/2
                ws.close(1000, "done");
                // --- README example end ---
                printed = reply.get();
                http2 = ws.isHttp2();
            }
        } finally {
            server.close();
        }
        assertEquals("hello", printed);
        assertTrue(http2, "the server offers RFC 8441, so the client took an HTTP/2 stream");
    }
}
