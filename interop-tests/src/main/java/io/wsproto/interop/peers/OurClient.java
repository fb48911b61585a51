package io.wsproto.interop.peers;

import io.wsproto.events.BytesMessage;
import io.wsproto.events.CloseConnection;
import io.wsproto.events.Event;
import io.wsproto.events.Ping;
import io.wsproto.events.Pong;
import io.wsproto.events.TextMessage;
import io.wsproto.h1.BlockingWebSocket;
import io.wsproto.h1.WebSocketOptions;
import java.net.URI;
import java.time.Duration;

/** Our blocking client. */
public final class OurClient implements EchoClient {
    private final BlockingWebSocket ws;

    /** ws:// or wss:// (trusting only the shared test identity). */
    public OurClient(String uri, boolean deflate) throws Exception {
        ws = BlockingWebSocket.connect(URI.create(uri), new WebSocketOptions().deflate(deflate).readTimeout(Duration.ofSeconds(10))
                .sslSocketFactory(PeerTls.trustingContext().getSocketFactory()));
    }

    @Override
    public void sendText(String text, boolean last) throws Exception {
        ws.send(new TextMessage(text, true, last));
    }

    @Override
    public void sendBinary(byte[] data, boolean last) throws Exception {
        ws.send(new BytesMessage(data, true, last));
    }

    @Override
    public void ping(byte[] payload) throws Exception {
        ws.send(new Ping(payload));
    }

    @Override
    public Object next() throws Exception {
        while (true) {
            Event e = ws.receive();
            if (e instanceof TextMessage t) {
                return t.data();
            } else if (e instanceof BytesMessage b) {
                return b.data();
            } else if (e instanceof Pong p) {
                return new PongReceived(p.payload());
            } else if (e == null || e instanceof CloseConnection) {
                throw new AssertionError("the connection closed: " + e);
            }
        }
    }

    @Override
    public int closeAndAwaitReply(int code) throws Exception {
        CloseConnection reply = ws.close(code, "");
        return reply == null ? -1 : reply.code();
    }

    @Override
    public boolean deflateNegotiated() {
        return !ws.extensions().isEmpty();
    }

    @Override
    public void close() throws Exception {
        ws.close();
    }

    @Override
    public String toString() {
        return "wsproto client";
    }
}
