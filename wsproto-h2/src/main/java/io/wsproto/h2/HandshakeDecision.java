package io.wsproto.h2;

import io.wsproto.events.AcceptConnection;
import io.wsproto.events.Event;
import io.wsproto.events.Header;
import io.wsproto.events.RejectConnection;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Objects;

/**
 * A server's answer to a WebSocket request: accept (with a subprotocol, extensions, extra headers), or
 * reject with a status, headers and a body, which both HTTP/1.1 and HTTP/2 carry to the client.
 *
 * @param answer an {@link AcceptConnection} or a {@link RejectConnection}
 * @param body the rejection's body; empty for an acceptance
 */
public record HandshakeDecision(Event answer, byte[] body) {
    private static final List<Header> TEXT = List.of(new Header("content-type", "text/plain; charset=utf-8"));

    /**
     * Checks the decision.
     *
     * @throws IllegalArgumentException for another event, or a body with an acceptance
     */
    public HandshakeDecision {
        Objects.requireNonNull(answer, "answer");
        Objects.requireNonNull(body, "body");
        if (!(answer instanceof AcceptConnection) && !(answer instanceof RejectConnection)) {
            throw new IllegalArgumentException("a decision is AcceptConnection or RejectConnection, not " + answer);
        }
        if (answer instanceof AcceptConnection && body.length > 0) {
            throw new IllegalArgumentException("an acceptance has no body");
        }
    }

    /** Accepts with no subprotocol and the extensions the request offered that the server supports. */
    public static HandshakeDecision accept() {
        return accept(new AcceptConnection());
    }

    /** Accepts as {@code accept} says. */
    public static HandshakeDecision accept(AcceptConnection accept) {
        return new HandshakeDecision(accept, new byte[0]);
    }

    /** Rejects with {@code status} and a plain-text body that says why. */
    public static HandshakeDecision reject(int status, String why) {
        return reject(new RejectConnection(status, TEXT, true), why.getBytes(StandardCharsets.UTF_8));
    }

    /** Rejects with the given status and headers, and {@code body} (empty for none). */
    public static HandshakeDecision reject(RejectConnection rejection, byte[] body) {
        return new HandshakeDecision(rejection, body);
    }

    /** The decision a synchronous route's event stands for. */
    static HandshakeDecision of(Event event) {
        return new HandshakeDecision(event, new byte[0]);
    }
}
