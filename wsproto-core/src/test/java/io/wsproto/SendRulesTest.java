package io.wsproto;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.wsproto.events.CloseConnection;
import io.wsproto.events.Event;
import io.wsproto.events.Ping;
import io.wsproto.events.TextMessage;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The send table, row by row: in each phase of the close handshake, what the application may send
 * (RFC 6455 §5.5.1, §7.1.7). Each phase is reached through the public API only.
 */
class SendRulesTest {
    private static Connection open() {
        return new Connection(ConnectionType.SERVER);
    }

    private static Connection peerClosed() {
        Connection ws = open();
        ws.receiveData(Frames.client(0x8, true, new byte[] {0x03, (byte) 0xE8}));
        ws.events();
        return ws;
    }

    private static Connection peerFailed() {
        Connection ws = open();
        ws.receiveData(new byte[] {(byte) 0x81, 0x01, 'x'}); // unmasked from a client: 1002
        ws.events();
        return ws;
    }

    private static Connection localClosing() {
        Connection ws = open();
        ws.send(new CloseConnection(1000, ""));
        return ws;
    }

    private static Connection closed() {
        Connection ws = localClosing();
        ws.receiveData(Frames.client(0x8, true, new byte[] {0x03, (byte) 0xE8}));
        ws.events();
        return ws;
    }

    static Stream<Arguments> table() {
        return Stream.of(
                //            phase                                   shown as                        message ping   close
                Arguments.of("open", (Supplier<Connection>) SendRulesTest::open, ConnectionState.OPEN, true, true, true),
                Arguments.of("peer closed", (Supplier<Connection>) SendRulesTest::peerClosed, ConnectionState.REMOTE_CLOSING, true, true, true),
                Arguments.of("peer failed", (Supplier<Connection>) SendRulesTest::peerFailed, ConnectionState.REMOTE_CLOSING, false, true, true),
                Arguments.of("local closing", (Supplier<Connection>) SendRulesTest::localClosing, ConnectionState.LOCAL_CLOSING, false, true, false),
                Arguments.of("closed", (Supplier<Connection>) SendRulesTest::closed, ConnectionState.CLOSED, false, false, false));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("table")
    void whatMayBeSent(String phase, Supplier<Connection> reach, ConnectionState shown, boolean message, boolean ping, boolean close) {
        assertEquals(shown, reach.get().state());
        check(reach.get(), new TextMessage("data"), message);
        check(reach.get(), new Ping(new byte[0]), ping);
        check(reach.get(), new CloseConnection(1000, ""), close);
    }

    private static void check(Connection ws, Event event, boolean allowed) {
        if (allowed) {
            ws.send(event);
        } else {
            LocalProtocolError e = assertThrows(LocalProtocolError.class, () -> ws.send(event));
            assertEquals(true, e.getMessage().startsWith("cannot send"), e.getMessage());
        }
    }
}
