package io.wsproto.h2;

import io.wsproto.events.CloseConnection;
import java.time.Duration;
import jdk.jfr.Category;
import jdk.jfr.DataAmount;
import jdk.jfr.Description;
import jdk.jfr.Enabled;
import jdk.jfr.Event;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.StackTrace;
import jdk.jfr.Timespan;

/**
 * {@link WebSocketMetrics} as JDK Flight Recorder events: {@code io.wsproto.WebSocketOpened},
 * {@code WebSocketClosed}, {@code WebSocketRejected}, {@code WebSocketPingRoundTrip},
 * {@code WebSocketSendRefused} and, off by default since there is one per message,
 * {@code WebSocketMessage}. The JDK ships the recorder, so the binding adds no dependency, costs a field check
 * per call while no recording asks for the event, and shows in JDK Mission Control or {@code jfr print}:
 * <pre>{@code
 * java -XX:StartFlightRecording=filename=ws.jfr,settings=profile ...
 * jfr print --events 'io.wsproto.*' ws.jfr
 * }</pre>
 * A live dashboard can read the same events with {@code jdk.jfr.consumer.RecordingStream}.
 */
public final class JfrMetrics implements WebSocketMetrics {
    /** One binding serves every session: it holds no state. */
    public static final JfrMetrics INSTANCE = new JfrMetrics();

    private JfrMetrics() {
    }

    @Override
    public void opened(WebSocketSession session) {
        Opened e = new Opened();
        if (e.isEnabled()) {
            e.path = session.request().target();
            e.http2 = session.isHttp2();
            e.remote = String.valueOf(session.remoteAddress());
            e.commit();
        }
    }

    @Override
    public void closed(WebSocketSession session, int code, CloseConnection.Origin origin) {
        Closed e = new Closed();
        if (e.isEnabled()) {
            e.path = session.request().target();
            e.http2 = session.isHttp2();
            e.code = code;
            e.origin = origin.name();
            e.commit();
        }
    }

    @Override
    public void rejected(String target, int status, boolean http2) {
        Rejected e = new Rejected();
        if (e.isEnabled()) {
            e.path = target;
            e.status = status;
            e.http2 = http2;
            e.commit();
        }
    }

    @Override
    public void messageReceived(WebSocketSession session, long bytes) {
        message(session, bytes, true, 0);
    }

    @Override
    public void messageSent(WebSocketSession session, long bytes, long queuedBytes) {
        message(session, bytes, false, queuedBytes);
    }

    private static void message(WebSocketSession session, long bytes, boolean received, long queued) {
        Message e = new Message();
        if (e.isEnabled()) {
            e.path = session.request().target();
            e.received = received;
            e.bytes = bytes;
            e.queued = queued;
            e.commit();
        }
    }

    @Override
    public void sendRefused(WebSocketSession session, long bytes, long queuedBytes) {
        SendRefused e = new SendRefused();
        if (e.isEnabled()) {
            e.path = session.request().target();
            e.bytes = bytes;
            e.queued = queuedBytes;
            e.commit();
        }
    }

    @Override
    public void pingRoundTrip(WebSocketSession session, Duration roundTrip) {
        PingRoundTrip e = new PingRoundTrip();
        if (e.isEnabled()) {
            e.path = session.request().target();
            e.roundTrip = roundTrip.toNanos();
            e.commit();
        }
    }

    @Name("io.wsproto.WebSocketOpened")
    @Label("WebSocket Opened")
    @Category({"wsproto", "WebSocket"})
    @StackTrace(false)
    static final class Opened extends Event {
        @Label("Path")
        String path;
        @Label("HTTP/2")
        boolean http2;
        @Label("Remote Address")
        String remote;
    }

    @Name("io.wsproto.WebSocketClosed")
    @Label("WebSocket Closed")
    @Category({"wsproto", "WebSocket"})
    @StackTrace(false)
    static final class Closed extends Event {
        @Label("Path")
        String path;
        @Label("HTTP/2")
        boolean http2;
        @Label("Close Code")
        int code;
        @Label("Origin")
        @Description("APPLICATION (this side closed), PEER, VIOLATION (the peer broke the protocol) or TRANSPORT (no close handshake)")
        String origin;
    }

    @Name("io.wsproto.WebSocketRejected")
    @Label("WebSocket Rejected")
    @Category({"wsproto", "WebSocket"})
    @StackTrace(false)
    static final class Rejected extends Event {
        @Label("Path")
        String path;
        @Label("Status")
        int status;
        @Label("HTTP/2")
        boolean http2;
    }

    @Name("io.wsproto.WebSocketMessage")
    @Label("WebSocket Message")
    @Category({"wsproto", "WebSocket"})
    @Enabled(false)
    @StackTrace(false)
    static final class Message extends Event {
        @Label("Path")
        String path;
        @Label("Received")
        boolean received;
        @Label("Payload")
        @DataAmount
        long bytes;
        @Label("Queued After Send")
        @DataAmount
        long queued;
    }

    @Name("io.wsproto.WebSocketSendRefused")
    @Label("WebSocket Send Refused")
    @Category({"wsproto", "WebSocket"})
    @StackTrace(false)
    static final class SendRefused extends Event {
        @Label("Path")
        String path;
        @Label("Payload")
        @DataAmount
        long bytes;
        @Label("Queued")
        @DataAmount
        long queued;
    }

    @Name("io.wsproto.WebSocketPingRoundTrip")
    @Label("WebSocket Ping Round Trip")
    @Category({"wsproto", "WebSocket"})
    @StackTrace(false)
    static final class PingRoundTrip extends Event {
        @Label("Path")
        String path;
        @Label("Round Trip")
        @Timespan
        long roundTrip;
    }
}
