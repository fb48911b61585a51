package example;

import io.wsproto.events.AcceptConnection;
import io.wsproto.h2.Http2WebSocketClient;
import io.wsproto.h2.SessionOptions;
import io.wsproto.h2.Tls;
import io.wsproto.h2.WebSocketHandler;
import io.wsproto.h2.WebSocketRoutes;
import io.wsproto.h2.WebSocketServer;
import io.wsproto.h2.WebSocketSession;
import io.wsproto.events.Request;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * A program that uses {@link WebSocketServer} over TLS with the JDK provider, for {@code NoBouncyCastleTest}
 * to run in a JVM without BouncyCastle (on the class path, and with wsproto and Netty on the module path): it echoes one message over TLS h2 and checks that
 * asking for BouncyCastle's provider fails with a clear error. Argument: a PKCS#12 file whose entry
 * "server" (password "secret") holds the server's key and certificate.
 */
/** The example; its own package, so that it can run beside wsproto-h2 as a named module. */
public final class NoBouncyCastleExample {
    private NoBouncyCastleExample() {
    }

    public static void main(String[] args) throws Exception {
        try {
            Class.forName("org.bouncycastle.jsse.provider.BouncyCastleJsseProvider", false, NoBouncyCastleExample.class.getClassLoader());
            System.out.println("BouncyCastle is on the class path");
            System.exit(3);
        } catch (ClassNotFoundException expected) {
            System.out.println("no BouncyCastle; wsproto-h2 is " + (WebSocketServer.class.getModule().isNamed()
                    ? "the named module " + WebSocketServer.class.getModule().getName() : "on the class path"));
        }
        Tls.Identity identity = Tls.Identity.fromKeyStore(Path.of(args[0]), "secret".toCharArray(), "server");
        WebSocketHandler echo = new WebSocketHandler() {
            @Override
            public void onText(WebSocketSession session, String text) {
                session.sendText(text);
            }
        };
        WebSocketServer server = WebSocketServer.builder()
                .routes(new WebSocketRoutes().add("/echo", request -> new AcceptConnection(), () -> echo))
                .tls(0, Tls.server(identity, Tls.Provider.JDK)).start();
        try (Http2WebSocketClient client = Http2WebSocketClient.connect("localhost", server.tlsPort(),
                Tls.client(Tls.Provider.JDK, identity.certificate(), "h2"), SessionOptions.DEFAULT, null).get(10, TimeUnit.SECONDS)) {
            CompletableFuture<String> reply = new CompletableFuture<>();
            WebSocketSession ws = client.open(new Request("localhost", "/echo"), new WebSocketHandler() {
                @Override
                public void onText(WebSocketSession session, String text) {
                    reply.complete(text);
                }
            }).get(10, TimeUnit.SECONDS);
            ws.sendText("hello without BouncyCastle");
            System.out.println("echo over TLS h2: " + reply.get(10, TimeUnit.SECONDS));
            ws.close(1000, "done").get(10, TimeUnit.SECONDS);
        } finally {
            server.close();
        }
        try {
            Tls.server(identity, Tls.Provider.BOUNCY_CASTLE);
            System.out.println("BOUNCY_CASTLE worked without BouncyCastle?");
        } catch (IllegalStateException e) {
            System.out.println("asking for BouncyCastle: " + e.getMessage());
        }
        System.exit(0);
    }
}
