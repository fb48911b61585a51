package io.wsproto.interop.peers;

import java.nio.ByteBuffer;
import org.eclipse.jetty.websocket.api.Callback;
import org.eclipse.jetty.websocket.api.Session;

/**
 * Jetty 12's echo endpoint, for its server and its client: every message back as the same type. Public:
 * Jetty binds listener methods through method handles.
 */
public class JettyEcho extends Session.Listener.AbstractAutoDemanding {
    @Override
    public void onWebSocketText(String message) {
        getSession().sendText(message, Callback.NOOP);
    }

    @Override
    public void onWebSocketBinary(ByteBuffer payload, Callback callback) {
        ByteBuffer copy = ByteBuffer.allocate(payload.remaining()).put(payload).flip();
        callback.succeed();
        getSession().sendBinary(copy, Callback.NOOP);
    }
}
