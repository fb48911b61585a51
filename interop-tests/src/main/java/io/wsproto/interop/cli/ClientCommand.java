package io.wsproto.interop.cli;

import io.netty.handler.ssl.ApplicationProtocolNames;
import io.netty.handler.ssl.SslContext;
import io.wsproto.events.BytesMessage;
import io.wsproto.events.CloseConnection;
import io.wsproto.events.Event;
import io.wsproto.events.Message;
import io.wsproto.events.Ping;
import io.wsproto.events.Pong;
import io.wsproto.events.Request;
import io.wsproto.events.TextMessage;
import io.wsproto.extensions.Extension;
import io.wsproto.extensions.PerMessageDeflate;
import io.wsproto.h1.BlockingWebSocket;
import io.wsproto.h1.WebSocketOptions;
import io.wsproto.h2.Http2WebSocketClient;
import io.wsproto.h2.Tls;
import io.wsproto.h2.WebSocketClient;
import io.wsproto.h2.WebSocketHandler;
import io.wsproto.h2.WebSocketSession;
import io.wsproto.interop.peers.EchoPlan;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.URI;
import java.time.Duration;

import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * {@code client}: connects to a {@code ws://} or {@code wss://} URL over the transport {@code --transport}
 * names ({@code auto}, the default, lets {@link WebSocketClient} choose; {@code h1}; {@code h2}), sends N text and N binary messages plus one fragmented message, checks every echo byte for
 * byte, pings and waits for the pong, closes with 1000, and prints PASS or FAIL with the reason.
 * Certificates are verified, except for loopback hosts or with {@code --insecure}.
 */
final class ClientCommand {
    static final String USAGE = """
            usage: java -jar wsproto-interop.jar client URL [--transport auto|h1|h2] [--h2] [--deflate] [--messages N]
                                                        [--size BYTES] [--subprotocol NAME] [--insecure]
              runs the echo plan against a ws:// or wss:// echo server: N text and N binary messages, a fragmented
              message, a ping, and a close with 1000; prints PASS or FAIL with the reason and the transport it
              got (exit 0 or 1).
              --transport auto    (default) WebSocketClient chooses: for wss:// HTTP/2 where the server enables
                                  RFC 8441, else the HTTP/1.1 upgrade; for ws:// the HTTP/1.1 upgrade
              --transport h1      the HTTP/1.1 upgrade (BlockingWebSocket)
              --transport h2      HTTP/2 only (RFC 8441): h2c with prior knowledge for ws://, ALPN h2 for wss://
              --h2                the same as --transport h2
              --deflate           offer permessage-deflate
              --messages N        messages of each type (default 10)
              --size BYTES        size of each message (default 1024)
              --subprotocol NAME  offer this subprotocol
              --insecure          do not verify the server's certificate (never verified for loopback hosts)
            Pings from the server are answered and never taken for an echo.
            """;
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private ClientCommand() {
    }

    /** One WebSocket as the plan sees it: events in, events out, whole messages back. */
    private interface Peer extends AutoCloseable {
        void send(Event event) throws Exception;

        /** The next whole message, ping, pong or close; null when none came within the timeout. */
        Event next() throws Exception;

        String describe();
    }

    static int run(String[] argv, PrintStream out) {
        Args args = new Args(argv, Set.of("--messages", "--size", "--subprotocol", "--transport"), Set.of("--h2", "--deflate", "--insecure"));
        if (args.positional.size() != 1) {
            throw new IllegalArgumentException("client needs exactly one URL");
        }
        URI uri = URI.create(args.positional.get(0));
        if (!"ws".equals(uri.getScheme()) && !"wss".equals(uri.getScheme())) {
            throw new IllegalArgumentException("the URL must be ws:// or wss://, got " + uri);
        }
        int messages = args.intValue("--messages", 10);
        int size = args.intValue("--size", 1024);
        String subprotocol = args.get("--subprotocol", null);
        boolean deflate = args.has("--deflate");
        boolean verify = !args.has("--insecure") && !isLoopback(uri.getHost());
        String transport = args.has("--h2") ? "h2" : args.get("--transport", "auto");
        if (!Set.of("auto", "h1", "h2").contains(transport)) {
            throw new IllegalArgumentException("--transport is auto, h1 or h2, not " + transport);
        }
        try (Peer peer = switch (transport) {
            case "h2" -> h2(uri, deflate, subprotocol, verify);
            case "h1" -> h1(uri, deflate, subprotocol, verify);
            default -> auto(uri, deflate, subprotocol, verify);
        }) {
            String result = plan(peer, messages, size);
            out.println("PASS " + peer.describe() + ": " + result + (verify || !"wss".equals(uri.getScheme()) ? "" : "; certificate not verified"));
            return 0;
        } catch (Exception | AssertionError e) {
            out.println("FAIL " + (e.getMessage() == null ? e.toString() : e.getMessage()));
            return 1;
        }
    }

    private static boolean isLoopback(String host) {
        try {
            return InetAddress.getByName(host).isLoopbackAddress();
        } catch (java.net.UnknownHostException e) {
            return false;
        }
    }

    /** The echo plan; throws AssertionError naming the first difference. */
    private static String plan(Peer peer, int messages, int size) throws Exception {
        Random random = new Random(8441);
        for (int i = 0; i < messages; i++) {
            String text = EchoPlan.text(size, random);
            peer.send(new TextMessage(text));
            expect(peer, new TextMessage(text), "text message " + i);
            byte[] bytes = new byte[size];
            random.nextBytes(bytes);
            peer.send(new BytesMessage(bytes));
            expect(peer, new BytesMessage(bytes), "binary message " + i);
        }
        peer.send(new TextMessage("frag", true, false));
        peer.send(new TextMessage("mented €", true, true));
        expect(peer, new TextMessage("fragmented €"), "the fragmented message");
        byte[] payload = "ping from wsproto".getBytes(java.nio.charset.StandardCharsets.UTF_8);
        peer.send(new Ping(payload));
        expect(peer, new Pong(payload), "the pong");
        peer.send(new CloseConnection(1000, "done"));
        Event close = nextSkipping(peer, Ping.class, Pong.class, Message.class); // what the server sent before our close reached it
        if (!(close instanceof CloseConnection c) || c.code() != 1000) {
            throw new AssertionError("expected the server's close with 1000, got " + close);
        }
        return messages + " text + " + messages + " binary messages of " + size + " bytes, 1 fragmented, ping/pong, close 1000";
    }

    /**
     * The next event that is none of the skipped kinds. A ping is never an echo (the connection answered it
     * already), and neither is an unsolicited pong.
     */
    @SafeVarargs
    private static Event nextSkipping(Peer peer, Class<? extends Event>... skipped) throws Exception {
        while (true) {
            Event got = peer.next();
            if (got == null || java.util.Arrays.stream(skipped).noneMatch(kind -> kind.isInstance(got))) {
                return got;
            }
        }
    }

    private static void expect(Peer peer, Event expected, String what) throws Exception {
        Event got = expected instanceof Pong ? nextSkipping(peer, Ping.class) : nextSkipping(peer, Ping.class, Pong.class);
        boolean same = expected.equals(got);
        if (!same && expected instanceof TextMessage t && got instanceof TextMessage g) {
            throw new AssertionError(what + ": echo differs (" + t.data().length() + " chars sent, " + g.data().length() + " back)");
        }
        if (!same) {
            throw new AssertionError(what + ": expected " + expected + ", got " + (got == null ? "nothing within " + TIMEOUT.toSeconds() + " s" : got));
        }
    }

    private static List<Extension> offer(boolean deflate) {
        return deflate ? List.of(new PerMessageDeflate()) : List.of();
    }

    private static Peer h1(URI uri, boolean deflate, String subprotocol, boolean verify) throws Exception {
        WebSocketOptions options = new WebSocketOptions().deflate(deflate).readTimeout(TIMEOUT)
                .limits(io.wsproto.Limits.forMessagesUpTo(ServeCommand.DEFAULT_MAX_MESSAGE));
        if (subprotocol != null) {
            options.subprotocols(subprotocol);
        }
        if (!verify) {
            options.insecureSkipCertificateVerification();
        }
        BlockingWebSocket ws = BlockingWebSocket.connect(uri, options);
        return new Peer() {
            @Override
            public void send(Event event) throws Exception {
                ws.send(event);
            }

            @Override
            public Event next() throws Exception {
                return ws.receive();
            }

            @Override
            public String describe() {
                return "HTTP/1.1 " + uri + ", permessage-deflate " + (ws.extensions().isEmpty() ? "not negotiated" : "negotiated")
                        + (ws.subprotocol() == null ? "" : ", subprotocol " + ws.subprotocol());
            }

            @Override
            public void close() throws Exception {
                ws.close();
            }
        };
    }

    private static Peer h2(URI uri, boolean deflate, String subprotocol, boolean verify) throws Exception {
        boolean tls = uri.getScheme().equals("wss");
        int port = uri.getPort() != -1 ? uri.getPort() : tls ? 443 : 80;
        SslContext context = !tls ? null : verify ? Tls.client(Tls.Provider.JDK, null, ApplicationProtocolNames.HTTP_2)
                : Tls.insecureClient(Tls.Provider.JDK, ApplicationProtocolNames.HTTP_2);
        Http2WebSocketClient client = Http2WebSocketClient.connect(uri.getHost(), port, context,
                io.wsproto.h2.SessionOptions.DEFAULT.withLimits(io.wsproto.Limits.forMessagesUpTo(ServeCommand.DEFAULT_MAX_MESSAGE)), null)
                .get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        Queue received = new Queue();
        String target = (uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath())
                + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
        List<String> subprotocols = subprotocol == null ? List.of() : List.of(subprotocol);
        WebSocketSession ws;
        try {
            ws = client.open(new Request(uri.getHost() + (uri.getPort() == -1 ? "" : ":" + uri.getPort()), target, subprotocols,
                    offer(deflate), List.of()), received).get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        } catch (java.util.concurrent.ExecutionException e) {
            client.close();
            throw e.getCause() instanceof Exception cause ? cause : e;
        }
        return sessionPeer(ws, received, "h2 " + uri, client::close);
    }

    /** The transport {@link WebSocketClient} chooses, said in the result. */
    private static Peer auto(URI uri, boolean deflate, String subprotocol, boolean verify) throws Exception {
        WebSocketClient.Builder builder = WebSocketClient.builder().deflate(deflate).threads(1)
                .options(io.wsproto.h2.SessionOptions.DEFAULT.withLimits(io.wsproto.Limits.forMessagesUpTo(ServeCommand.DEFAULT_MAX_MESSAGE)));
        if (!verify) {
            builder.insecureSkipCertificateVerification();
        }
        WebSocketClient client = builder.build();
        Queue received = new Queue();
        WebSocketSession ws;
        try {
            ws = client.connect(uri, subprotocol == null ? List.of() : List.of(subprotocol), List.of(), received)
                    .get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        } catch (java.util.concurrent.ExecutionException e) {
            client.close();
            throw e.getCause() instanceof Exception cause ? cause : e;
        }
        return sessionPeer(ws, received, (ws.isHttp2() ? "h2 " : "HTTP/1.1 ") + uri + " (transport chosen by WebSocketClient)", client::close);
    }

    /** What a Netty session delivers, as the plan reads it: whole messages, pings, pongs and the close. */
    private static final class Queue implements WebSocketHandler {
        final BlockingQueue<Event> received = new LinkedBlockingQueue<>();

        @Override
        public void onText(WebSocketSession session, String text) {
            received.add(new TextMessage(text));
        }

        @Override
        public void onBinary(WebSocketSession session, byte[] data) {
            received.add(new BytesMessage(data));
        }

        @Override
        public void onEvent(WebSocketSession session, Event event) {
            if (event instanceof Ping || event instanceof Pong || event instanceof CloseConnection) {
                received.add(event);
            }
        }
    }

    private static Peer sessionPeer(WebSocketSession ws, Queue queue, String label, Runnable close) {
        return new Peer() {
            @Override
            public void send(Event event) throws Exception {
                ws.send(event).get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
            }

            @Override
            public Event next() throws Exception {
                return queue.received.poll(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
            }

            @Override
            public String describe() {
                return label + ", permessage-deflate " + (ws.extensions().isEmpty() ? "not negotiated" : "negotiated")
                        + (ws.subprotocol() == null ? "" : ", subprotocol " + ws.subprotocol());
            }

            @Override
            public void close() {
                close.run();
            }
        };
    }
}
