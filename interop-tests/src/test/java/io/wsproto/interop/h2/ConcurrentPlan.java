package io.wsproto.interop.h2;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.netty.handler.ssl.ApplicationProtocolNames;
import io.wsproto.events.Request;
import io.wsproto.extensions.Extension;
import io.wsproto.extensions.PerMessageDeflate;
import io.wsproto.h2.Http2WebSocketClient;
import io.wsproto.h2.Tls;
import io.wsproto.h2.WebSocketHandler;
import io.wsproto.h2.WebSocketSession;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** 100 WebSockets on one HTTP/2 connection, 100 messages each, every byte checked, all closed with 1000. */
public final class ConcurrentPlan {
    public static final int STREAMS = 100;
    public static final int MESSAGES = 100;

    private ConcurrentPlan() {
    }

    private static final class Stream implements WebSocketHandler {
        final BlockingQueue<String> texts = new LinkedBlockingQueue<>();
        final CompletableFuture<Integer> closed = new CompletableFuture<>();

        @Override
        public void onText(WebSocketSession session, String text) {
            texts.add(text);
        }

        @Override
        public void onClose(WebSocketSession session, int code, String reason) {
            closed.complete(code);
        }
    }

    /** Runs the plan with our HTTP/2 client against {@code uri} (ws:// for h2c, wss:// for TLS). */
    public static void run(String uri, boolean deflate) throws Exception {
        URI target = URI.create(uri);
        boolean tls = target.getScheme().equals("wss");
        try (Http2WebSocketClient h2 = Http2WebSocketClient.connect(target.getHost(), target.getPort(),
                tls ? Tls.insecureClient(Tls.Provider.JDK, ApplicationProtocolNames.HTTP_2) : null).get(10, TimeUnit.SECONDS)) {
            List<Stream> streams = new ArrayList<>();
            List<WebSocketSession> sessions = new ArrayList<>();
            for (int i = 0; i < STREAMS; i++) {
                Stream s = new Stream();
                List<Extension> offered = deflate ? List.of(new PerMessageDeflate()) : List.of();
                streams.add(s);
                sessions.add(h2.open(new Request(target.getHost() + ":" + target.getPort(), target.getRawPath(), List.of(), offered, List.of()), s)
                        .get(10, TimeUnit.SECONDS));
            }
            for (int m = 0; m < MESSAGES; m++) {
                for (int i = 0; i < STREAMS; i++) {
                    sessions.get(i).sendText("stream " + i + " message " + m + " " + "x".repeat(m));
                }
            }
            for (int i = 0; i < STREAMS; i++) {
                for (int m = 0; m < MESSAGES; m++) {
                    String got = streams.get(i).texts.poll(20, TimeUnit.SECONDS);
                    assertEquals("stream " + i + " message " + m + " " + "x".repeat(m), got, "stream " + i);
                }
            }
            for (WebSocketSession s : sessions) {
                s.close(1000, "");
            }
            for (Stream s : streams) {
                assertEquals(1000, s.closed.get(20, TimeUnit.SECONDS));
            }
        }
    }
}
