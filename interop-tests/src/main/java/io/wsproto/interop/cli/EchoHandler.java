package io.wsproto.interop.cli;

import io.wsproto.h2.WebSocketHandler;
import io.wsproto.h2.WebSocketSession;

/** Echoes every message as the same type (text as text, binary as binary), telling a listener of each start and end. */
public final class EchoHandler implements WebSocketHandler {
    /** Hears of each echo WebSocket's start and end. */
    public interface Listener {
        void opened(WebSocketSession session);

        void closed(WebSocketSession session, int code, String reason);
    }

    private final Listener listener;

    public EchoHandler(Listener listener) {
        this.listener = listener;
    }

    @Override
    public void onOpen(WebSocketSession session) {
        listener.opened(session);
    }

    @Override
    public void onText(WebSocketSession session, String text) {
        session.sendText(text);
    }

    @Override
    public void onBinary(WebSocketSession session, byte[] data) {
        session.sendBinary(data);
    }

    @Override
    public void onClose(WebSocketSession session, int code, String reason) {
        listener.closed(session, code, reason);
    }
}
