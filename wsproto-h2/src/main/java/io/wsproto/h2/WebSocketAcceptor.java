package io.wsproto.h2;

import io.netty.channel.Channel;
import io.netty.util.concurrent.EventExecutor;
import io.wsproto.Connection;
import io.wsproto.events.AcceptConnection;
import io.wsproto.events.Header;
import io.wsproto.events.RejectConnection;
import io.wsproto.events.Request;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * What a server answers, written once for its HTTP/1.1 and HTTP/2 front ends: a WebSocket request is routed
 * by its path, decided by the route's {@link AcceptDecision} (at once or later), and answered 404 when no route
 * matches, 500 when the decision (or the answer it chose) fails, 503 when it does not come in time; an ordinary request goes to the {@link HttpResponder}. Each front
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
     * Answers a well-formed WebSocket request, now or once the route's decision completes, on {@code loop}.
     * {@code render} turns the application's acceptance into the front end's response; it throws when the
     * acceptance breaks the handshake rules (a subprotocol the client did not offer, say), which is answered
     * 500 like a failing decision. A decision still pending after the handshake timeout is answered 503.
     */
    <R> void answer(HandshakeContext handshake, Function<AcceptConnection, R> render, EventExecutor loop, Consumer<Answer<R>> then) {
        Request request = handshake.request();
        WebSocketRoutes.Route route = routes.find(request.target());
        if (route == null) {
            reply(handshake, text(404, "no WebSocket at " + request.target() + "\n"), then);
            return;
        }
        CompletableFuture<HandshakeDecision> decided;
        try {
            decided = route.decide().decide(handshake).toCompletableFuture();
        } catch (RuntimeException failure) {
            decided = CompletableFuture.failedFuture(failure);
        }
        if (!decided.isDone()) {
            decided = decided.copy().orTimeout(options.handshakeTimeout().toMillis(), TimeUnit.MILLISECONDS);
        }
        decided.whenComplete((decision, failure) -> {
            Runnable answer = () -> reply(handshake, decide(request, route, decision, failure, render), then);
            if (loop.inEventLoop()) {
                answer.run();
            } else {
                loop.execute(answer);
            }
        });
    }

    private <R> Answer<R> decide(Request request, WebSocketRoutes.Route route, HandshakeDecision decision, Throwable failure,
                                 Function<AcceptConnection, R> render) {
        Throwable cause = failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
        if (cause instanceof TimeoutException) {
            LOG.log(System.Logger.Level.WARNING, "no accept decision for {0} within {1}", request.target(), options.handshakeTimeout());
            return text(503, "the server did not decide on this WebSocket request in time\n");
        }
        try {
            if (cause != null) {
                throw cause instanceof RuntimeException r ? r : new IllegalStateException("the decision failed", cause);
            }
            Objects.requireNonNull(decision, "the decision completed with null");
            if (decision.answer() instanceof RejectConnection rejection) {
                return new Reject<>(rejection, decision.body());
            }
            AcceptConnection accept = (AcceptConnection) decision.answer();
            return new Accept<>(accept, render.apply(accept), route.handlers().get());
        } catch (RuntimeException broken) {
            LOG.log(System.Logger.Level.WARNING, "the accept decision for " + request.target() + " failed", broken);
            return text(500, "the server could not decide on this WebSocket request\n");
        }
    }

    private <R> void reply(HandshakeContext handshake, Answer<R> answer, Consumer<Answer<R>> then) {
        if (answer instanceof Reject<R> r) {
            rejected(handshake.request().target(), r.rejection().statusCode(), handshake.http2());
        }
        then.accept(answer);
    }

    /** Counts a rejection (also one a front end wrote for a malformed request). */
    void rejected(String target, int status, boolean http2) {
        options.metrics().rejected(target, status, http2);
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
