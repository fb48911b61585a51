package io.wsproto.interop.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.wsproto.h2.WebSocketServer;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The contract commands: {@code serve} answers every transport, {@code client} says PASS or FAIL and why. */
@org.junit.jupiter.api.extension.ExtendWith(io.wsproto.h2.NettyLeaks.class)
@Timeout(120)
class ServeAndClientTest {
    static final ByteArrayOutputStream SERVE_LOG = new ByteArrayOutputStream();
    static WebSocketServer server;

    @BeforeAll
    static void serve() throws Exception {
        server = ServeCommand.start(ServeCommand.Settings.loopback(), io.wsproto.h2.TestTls.localhost(),
                new PrintStream(SERVE_LOG, true, StandardCharsets.UTF_8));
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    static String log() {
        return SERVE_LOG.toString(StandardCharsets.UTF_8);
    }

    static String[] run(String... args) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = Main.run(args, new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        return new String[] {Integer.toString(status), out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8)};
    }

    @Test
    void servePrintsItsPortsAndReady() {
        assertTrue(log().startsWith("listening h1+h2c on 127.0.0.1:" + server.plaintextPort() + "\n"
                + "listening tls h2,http/1.1 on 127.0.0.1:" + server.tlsPort() + "\nready\n"), log());
    }

    @ParameterizedTest(name = "client {0} {1} {2}")
    @CsvSource({
            "ws,  '',                --deflate, HTTP/1.1 upgrade",
            "ws,  --h2,              --deflate, h2 extended CONNECT stream",
            "wss, --h2,              --deflate, h2 extended CONNECT stream",
            "wss, --transport h1,    --deflate, HTTP/1.1 upgrade",
            "ws,  --h2,              '',        h2 extended CONNECT stream",
            "wss, '',                --deflate, h2 extended CONNECT stream",
            "wss, --transport auto,  '',        h2 extended CONNECT stream",
            "ws,  --transport auto,  --deflate, HTTP/1.1 upgrade",
    })
    void clientPassesOverEveryTransport(String scheme, String h2, String deflate, String seenAs) throws Exception {
        int port = scheme.equals("ws") ? server.plaintextPort() : server.tlsPort();
        String host = scheme.equals("ws") ? "127.0.0.1" : "localhost";
        java.util.List<String> args = new java.util.ArrayList<>(java.util.List.of("client", scheme + "://" + host + ":" + port + "/echo",
                "--messages", "3", "--size", "70000"));
        if (!h2.isEmpty()) {
            args.addAll(java.util.List.of(h2.split(" ")));
        }
        if (!deflate.isEmpty()) {
            args.add(deflate);
        }
        int before = log().length();
        String[] result = run(args.toArray(String[]::new));
        assertEquals("0", result[0], result[1] + result[2]);
        assertTrue(result[1].startsWith("PASS "), result[1]);
        assertTrue(result[1].contains("permessage-deflate " + (deflate.isEmpty() ? "not negotiated" : "negotiated")), result[1]);
        assertTrue(result[1].startsWith("PASS " + (seenAs.startsWith("h2") ? "h2 " : "HTTP/1.1 ")), "the transport it got: " + result[1]);
        Thread.sleep(200); // the server logs the close on its own thread
        String logged = log().substring(before);
        assertTrue(logged.contains("websocket opened via " + seenAs), logged);
        assertTrue(logged.contains("code 1000"), logged);
    }

    @Test
    void clientOffersTheSubprotocolAndServerPicksIt() throws Exception {
        String[] result = run("client", "ws://127.0.0.1:" + server.plaintextPort() + "/echo", "--subprotocol", "chat", "--messages", "1");
        assertTrue(result[1].contains("subprotocol chat"), result[1]);
    }

    @Test
    void clientSaysFailAndWhyWhenNothingListens() throws Exception {
        int closedPort;
        try (java.net.ServerSocket s = new java.net.ServerSocket(0)) {
            closedPort = s.getLocalPort();
        }
        String[] result = run("client", "ws://127.0.0.1:" + closedPort + "/echo");
        assertEquals("1", result[0]);
        assertTrue(result[1].startsWith("FAIL "), result[1]);
    }

    @Test
    void clientSaysFailForARejectedHandshake() throws Exception {
        String[] result = run("client", "ws://127.0.0.1:" + server.plaintextPort() + "/nowhere", "--h2");
        assertEquals("1", result[0]);
        assertTrue(result[1].startsWith("FAIL ") && result[1].contains("404"), result[1]);
    }

    @Test
    void badArgumentsPrintUsage() throws Exception {
        String[] result = run("client");
        assertEquals("2", result[0]);
        assertTrue(result[2].contains("usage: java -jar wsproto-interop.jar client URL"), result[2]);
        assertEquals("2", run("serve", "--port", "x")[0]);
        assertEquals("2", run("dance")[0]);
    }

    @ParameterizedTest(name = "{0} names itself and exits 2")
    @CsvSource({"matrix, --colour", "serve, -p", "client, --h3", "conformance, --fast"})
    void anUnknownOptionNamesItselfAndExits2(String command, String option) throws Exception {
        String[] result = run(command, option);
        assertEquals("2", result[0]);
        assertTrue(result[2].startsWith("unknown option " + option + "\n"), result[2]);
        assertTrue(result[2].contains("usage: java -jar wsproto-interop.jar " + command), result[2]);
    }

    @ParameterizedTest(name = "{0} {1} prints its usage and exits 0")
    @CsvSource({"'', --help", "'', -h", "matrix, --help", "serve, -h", "client, --help", "conformance, -h", "client, ws://x/ --h2 --help"})
    void helpPrintsUsageAndExits0(String command, String help) throws Exception {
        java.util.List<String> args = new java.util.ArrayList<>();
        if (!command.isEmpty()) {
            args.add(command);
        }
        args.addAll(java.util.List.of(help.split(" ")));
        String[] result = run(args.toArray(String[]::new));
        assertEquals("0", result[0], result[2]);
        assertTrue(result[1].startsWith("usage: java -jar wsproto-interop.jar " + (command.isEmpty() ? "COMMAND" : command)), result[1]);
        assertEquals("", result[2]);
    }

    @Test
    void pageIsServedOverHttp11AndHttp2() throws Exception {
        SSLContext trustAll = SSLContext.getInstance("TLS");
        trustAll.init(null, new TrustManager[] {new X509TrustManager() {
            @Override
            public void checkClientTrusted(X509Certificate[] chain, String authType) {
            }

            @Override
            public void checkServerTrusted(X509Certificate[] chain, String authType) {
            }

            @Override
            public X509Certificate[] getAcceptedIssuers() {
                return new X509Certificate[0];
            }
        }}, new SecureRandom());
        HttpClient http = HttpClient.newBuilder().sslContext(trustAll).build();
        HttpResponse<String> h1 = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.plaintextPort() + "/"))
                .version(HttpClient.Version.HTTP_1_1).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, h1.statusCode());
        assertTrue(h1.body().contains("new WebSocket(url)"));
        HttpResponse<String> h2 = http.send(HttpRequest.newBuilder(URI.create("https://localhost:" + server.tlsPort() + "/"))
                .version(HttpClient.Version.HTTP_2).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, h2.statusCode());
        assertEquals(HttpClient.Version.HTTP_2, h2.version());
        assertEquals(404, http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.plaintextPort() + "/missing")).build(),
                HttpResponse.BodyHandlers.ofString()).statusCode());
    }
}
