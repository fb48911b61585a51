package io.wsproto.h2;

import io.netty.channel.Channel;
import io.netty.util.AttributeKey;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The open WebSockets of one {@link WebSocketServer}, so that closing the server can close them with 1001
 * and wait for their close handshakes. Reached through an attribute of each accepted connection.
 */
final class SessionRegistry {
    static final AttributeKey<SessionRegistry> KEY = AttributeKey.valueOf(SessionRegistry.class, "sessions");

    private final Set<NettySession> open = ConcurrentHashMap.newKeySet();
    private volatile boolean goingAway;

    /** The registry of the server that accepted the connection {@code channel} runs on, or null. */
    static SessionRegistry of(Channel channel) {
        Channel connection = channel instanceof io.netty.handler.codec.http2.Http2StreamChannel ? channel.parent() : channel;
        return connection.attr(KEY).get();
    }

    /** Adds a session that just opened; false when the server is already going away. */
    boolean add(NettySession session) {
        open.add(session);
        return !goingAway;
    }

    void remove(NettySession session) {
        open.remove(session);
    }

    /** Asks every open WebSocket to close with 1001; those opening from now on are closed at once. */
    void goAway(String reason) {
        goingAway = true;
        for (NettySession s : open) {
            s.close(io.wsproto.CloseCode.GOING_AWAY, reason);
        }
    }

    boolean isEmpty() {
        return open.isEmpty();
    }

    int size() {
        return open.size();
    }
}
