package io.wsproto;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.wsproto.events.CloseConnection;
import io.wsproto.events.Event;
import java.util.List;

/** Assertions on event lists. */
final class Events {
    private Events() {
    }

    /** Asserts that the last event is this side failing the connection with {@code code}, and returns it. */
    static CloseConnection assertViolation(List<Event> events, int code) {
        assertTrue(!events.isEmpty(), "expected a close event, got none");
        CloseConnection close = assertInstanceOf(CloseConnection.class, events.get(events.size() - 1),
                () -> "expected a close event last, got " + events);
        assertEquals(code, close.code(), () -> "close code; reason: " + close.reason());
        assertEquals(CloseConnection.Origin.VIOLATION, close.origin());
        assertTrue(!close.reason().isEmpty(), "a violation says why");
        return close;
    }

    static CloseConnection assertViolation(Connection ws, int code) {
        CloseConnection close = assertViolation(ws.events(), code);
        assertEquals(ConnectionState.REMOTE_CLOSING, ws.state());
        return close;
    }
}
