package io.wsproto.h2;

import io.netty.channel.Channel;
import io.wsproto.Connection;
import io.wsproto.events.AcceptConnection;
import io.wsproto.events.Event;
import io.wsproto.events.Header;
import io.wsproto.events.RejectConnection;
import io.wsproto.events.Request;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.Function;

/**
 * What a server answers, written once for its HTTP/1.1 and HTTP/2 front ends: a WebSocket request is routed
 * by its path, decided by the route's function, and answered 404 when no route matches or 500 when the
 * decision (or the answer it chose) fails; an ordinary request goes to the {@link HttpResponder}. Each front
 * end only renders the answer in its own framing.
 */
final class WebSocketAcceptor {
    private static final System.Logger LOG = System.getLogger(WebSocketAcceptor.class.getName());
    private static final List<Header> TEXT = List.of(new Header("content-type", "text/plain; charset=utf-8"));

    /** The answer to a WebSocket request; {@code R} is the front end's rendering of an acceptance. */
    sealed interface Answer<R> permits Accept, Reject {
    }

    /** Accepted: the front end's response, and the handler for the new session. */
    record Accept<R>(AcceptConnection accept, R response, WebSocketHandler handler) implements Answer<R> {
    }

    /** Rejected: the status and headers, and the body (empty when none). */
    record Reject<R>(RejectConnection rejection, byte[] body) implements Answer<R> {
    }

    private final WebSocketRoutes routes;
    private final HttpResponder responder;
    private final SessionOptions options;

    WebSocketAcceptor(WebSocketRoutes routes, HttpResponder responder, SessionOptions options) {
        this.routes = routes;
        this.responder = responder;
        this.options = options;
    }

    SessionOptions options() {
        return options;
    }

    /**
     * Answers a well-formed WebSocket request. {@code render} turns the application's acceptance into the
     * front end's response; it throws when the acceptance breaks the handshake rules (a subprotocol the
     * client did not offer, say), which is answered 500 like a failing decision.
     */
    <R> Answer<R> answer(Request request, Function<AcceptConnection, R> render) {
        WebSocketRoutes.Route route = routes.find(request.target());
        if (route == null) {
            return text(404, "no WebSocket at " + request.target() + "\n");
        }
        try {
            Event decision = route.decide().apply(request);
            if (decision instanceof RejectConnection rejection) {
                return new Reject<>(rejection, new byte[0]);
            }
            if (!(decision instanceof AcceptConnection accept)) {
                throw new IllegalStateException("the decision must be AcceptConnection or RejectConnection, not " + decision);
            }
            return new Accept<>(accept, render.apply(accept), route.handlers().get());
        } catch (RuntimeException failure) {
            LOG.log(System.Logger.Level.WARNING, "the accept decision for " + request.target() + " failed", failure);
            return text(500, "the server could not decide on this WebSocket request\n");
        }
    }

    /** Answers an ordinary HTTP request; a responder that fails is answered 500. */
    HttpResponder.Response respond(String method, String target, List<Header> headers) {
        try {
            return responder.respond(method, target, headers);
        } catch (RuntimeException failure) {
            LOG.log(System.Logger.Level.WARNING, "the HTTP responder failed for " + method + " " + target, failure);
            return new HttpResponder.Response(500, "text/plain; charset=utf-8",
                    "the server failed to answer this request\n".getBytes(StandardCharsets.UTF_8));
        }
    }

    /** The session of an accepted WebSocket, not yet open: the front end installs its handler, then opens it. */
    NettySession session(Channel channel, Connection connection, Transport transport, Request request, Accept<?> accepted) {
        return new NettySession(channel, connection, transport, accepted.handler(), options, request, accepted.accept().subprotocol());
    }

    private static <R> Reject<R> text(int status, String body) {
        return new Reject<>(new RejectConnection(status, TEXT, true), body.getBytes(StandardCharsets.UTF_8));
    }
}
