package io.wsproto.interop.cli;

import io.wsproto.events.BytesMessage;
import io.wsproto.events.Ping;
import io.wsproto.events.TextMessage;
import io.wsproto.h2.WebSocketHandler;
import io.wsproto.h2.WebSocketSession;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Echoes every message as the same type (text as text, binary as binary), telling a listener of each start
 * and end. With {@code pings} on, it also pings the way keepalive-minded servers do, so that clients meet
 * pings everywhere they may legally come: right after the handshake, before each echo, and between the two
 * fragments of each echoed message (RFC 6455 §5.4: control frames may be injected in the middle of a
 * fragmented message). The pongs that come back are not waited for.
 */
public final class EchoHandler implements WebSocketHandler {
    /** Hears of each echo WebSocket's start and end. */
    public interface Listener {
        void opened(WebSocketSession session);

        void closed(WebSocketSession session, int code, String reason);
    }

    static final Ping ON_OPEN = new Ping(bytes("keepalive after the handshake"));
    static final Ping BEFORE_ECHO = new Ping(bytes("keepalive before the echo"));
    static final Ping INSIDE_ECHO = new Ping(bytes("keepalive inside the echo"));

    private final Listener listener;
    private final boolean pings;

    public EchoHandler(Listener listener) {
        this(listener, false);
    }

    public EchoHandler(Listener listener, boolean pings) {
        this.listener = listener;
        this.pings = pings;
    }

    @Override
    public void onOpen(WebSocketSession session) {
        listener.opened(session);
        if (pings) {
            session.send(ON_OPEN);
        }
    }

    @Override
    public void onText(WebSocketSession session, String text) {
        if (!pings) {
            session.sendText(text);
            return;
        }
        session.send(BEFORE_ECHO);
        int cut = text.length() / 2;
        if (cut > 0 && Character.isLowSurrogate(text.charAt(cut))) {
            cut--; // a fragment holds whole characters
        }
        session.send(new TextMessage(text.substring(0, cut), true, false));
        session.send(INSIDE_ECHO);
        session.send(new TextMessage(text.substring(cut), true, true));
    }

    @Override
    public void onBinary(WebSocketSession session, byte[] data) {
        if (!pings) {
            session.sendBinary(data);
            return;
        }
        session.send(BEFORE_ECHO);
        int cut = data.length / 2;
        session.send(new BytesMessage(Arrays.copyOfRange(data, 0, cut), true, false));
        session.send(INSIDE_ECHO);
        session.send(new BytesMessage(Arrays.copyOfRange(data, cut, data.length), true, true));
    }

    @Override
    public void onClose(WebSocketSession session, int code, String reason) {
        listener.closed(session, code, reason);
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
