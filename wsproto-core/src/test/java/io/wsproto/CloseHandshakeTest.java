package io.wsproto;

import static io.wsproto.Events.assertViolation;
import static io.wsproto.Frames.bytes;
import static io.wsproto.Frames.client;
import static io.wsproto.Frames.closePayload;
import static io.wsproto.Frames.concat;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.wsproto.events.CloseConnection;
import io.wsproto.events.Event;
import io.wsproto.events.Ping;
import io.wsproto.events.Pong;
import io.wsproto.events.TextMessage;
import io.wsproto.frame.Opcode;
import java.nio.ByteBuffer;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** RFC 6455 §5.5.1, §7: close frames, codes, reasons, states; and ping/pong answers. */
class CloseHandshakeTest {
    private final Connection server = new Connection(ConnectionType.SERVER);

    private static byte[] wire(ByteBuffer b) {
        byte[] out = new byte[b.remaining()];
        b.get(out);
        return out;
    }

    @ParameterizedTest
    @ValueSource(ints = {1000, 1001, 1002, 1003, 1007, 1008, 1009, 1010, 1011, 1012, 1013, 1014, 3000, 3999, 4000, 4999})
    void acceptsCloseCodesAllowedOnTheWire(int code) {
        server.receiveData(client(Opcode.CLOSE, true, closePayload(code, "why".getBytes())));
        assertEquals(List.of(new CloseConnection(code, "why", CloseConnection.Origin.PEER)), server.events());
        assertEquals(ConnectionState.REMOTE_CLOSING, server.state());
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 999, 1004, 1005, 1006, 1015, 1016, 1100, 2000, 2999, 5000, 65535})
    void rejectsCloseCodesNotAllowedOnTheWire(int code) {
        server.receiveData(client(Opcode.CLOSE, true, closePayload(code, new byte[0])));
        assertTrue(assertViolation(server, 1002).reason().contains(Integer.toString(code)));
    }

    @Test
    void rejectsOneByteClosePayload() {
        server.receiveData(client(Opcode.CLOSE, true, bytes(0x03)));
        assertViolation(server, 1002);
    }

    @Test
    void rejectsCloseReasonThatIsNotUtf8() {
        server.receiveData(client(Opcode.CLOSE, true, closePayload(1000, bytes(0xce, 0xba, 0xed, 0xa0, 0x80))));
        assertTrue(assertViolation(server, 1007).reason().contains("UTF-8"));
    }

    @Test
    void reportsCloseWithoutCodeAs1005AndAnswersWithoutCode() {
        server.receiveData(client(Opcode.CLOSE, true, new byte[0]));
        CloseConnection close = (CloseConnection) server.events().get(0);
        assertEquals(CloseCode.NO_STATUS_RCVD, close.code());
        assertEquals(CloseConnection.Origin.PEER, close.origin());
        assertArrayEquals(bytes(0x88, 0x00), wire(server.send(close.response())), "1005 is sent as an empty close");
        assertEquals(ConnectionState.CLOSED, server.state());
    }

    @Test
    void peerCloseIsAnsweredByEchoAndThenClosed() {
        server.receiveData(client(Opcode.CLOSE, true, closePayload(1000, "bye".getBytes())));
        CloseConnection close = (CloseConnection) server.events().get(0);
        assertEquals(bytes(0x88, 0x05, 0x03, 0xe8, 'b', 'y', 'e').length, wire(server.send(close.response())).length);
        assertEquals(ConnectionState.CLOSED, server.state());
        assertThrows(LocalProtocolError.class, () -> server.send(new TextMessage("late")));
        assertThrows(LocalProtocolError.class, () -> server.send(new CloseConnection(1000)));
    }

    @Test
    void locallyInitiatedCloseCompletesWhenThePeerAnswers() {
        server.send(new CloseConnection(1000, "done"));
        assertEquals(ConnectionState.LOCAL_CLOSING, server.state());
        assertThrows(LocalProtocolError.class, () -> server.send(new TextMessage("no data after our close")));
        server.receiveData(client(Opcode.CLOSE, true, closePayload(1000, new byte[0])));
        assertEquals(List.of(new CloseConnection(1000, "", CloseConnection.Origin.PEER)), server.events());
        assertEquals(ConnectionState.CLOSED, server.state());
    }

    @Test
    void messagesStillArriveWhileOurCloseIsUnanswered() {
        server.send(new CloseConnection(1001));
        server.receiveData(concat(client(Opcode.TEXT, true, "in flight"), client(Opcode.CLOSE, true, closePayload(1001, new byte[0]))));
        List<Event> events = server.events();
        assertEquals(new TextMessage("in flight"), events.get(0));
        assertEquals(1001, ((CloseConnection) events.get(1)).code());
    }

    @Test
    void nothingIsAcceptedAfterTheCloseFrame() {
        server.receiveData(concat(client(Opcode.CLOSE, true, closePayload(1000, new byte[0])), client(Opcode.TEXT, true, "after")));
        assertEquals(1, server.events().size());
        server.receiveData(client(Opcode.TEXT, true, "later"));
        assertEquals(List.of(), server.events());
    }

    @Test
    void transportEndWithoutCloseIs1006() {
        server.receiveData(client(Opcode.TEXT, false, "half"));
        server.receiveEof();
        List<Event> events = server.events();
        CloseConnection close = (CloseConnection) events.get(events.size() - 1);
        assertEquals(CloseCode.ABNORMAL_CLOSURE, close.code());
        assertEquals(CloseConnection.Origin.TRANSPORT, close.origin());
        assertEquals(ConnectionState.CLOSED, server.state());
        assertThrows(LocalProtocolError.class, () -> server.send(close.response()), "1006 never goes on the wire");
        assertThrows(LocalProtocolError.class, () -> server.receiveData(new byte[1]));
    }

    @Test
    void transportEndAfterTheCloseHandshakeIsQuiet() {
        server.receiveData(client(Opcode.CLOSE, true, closePayload(1000, new byte[0])));
        server.send(((CloseConnection) server.events().get(0)).response());
        server.receiveEof();
        assertEquals(List.of(), server.events());
        assertEquals(ConnectionState.CLOSED, server.state());
    }

    @Test
    void violationIsToldApartFromPeerClose() {
        server.receiveData(client(Opcode.CONTINUATION, true, "x"));
        CloseConnection violation = (CloseConnection) server.events().get(0);
        assertTrue(violation.isViolation());
        assertEquals(CloseConnection.Origin.VIOLATION, violation.origin());

        Connection other = new Connection(ConnectionType.SERVER);
        other.receiveData(client(Opcode.CLOSE, true, closePayload(1002, new byte[0])));
        CloseConnection peer = (CloseConnection) other.events().get(0);
        assertTrue(!peer.isViolation());
        assertEquals(1002, peer.code(), "the same code, but the peer's");
    }

    @Test
    void violationResponseTellsThePeerWhyAndCloses() {
        server.receiveData(client(Opcode.CONTINUATION, true, "x"));
        CloseConnection violation = (CloseConnection) server.events().get(0);
        byte[] frame = wire(server.send(violation.response()));
        assertEquals(0x88, frame[0] & 0xFF);
        assertEquals(1002, ((frame[2] & 0xFF) << 8) | (frame[3] & 0xFF));
        assertEquals(violation.reason(), new String(frame, 4, frame.length - 4, java.nio.charset.StandardCharsets.UTF_8));
        assertEquals(ConnectionState.CLOSED, server.state());
    }

    @ParameterizedTest
    @ValueSource(ints = {1006, 1015, 0, 999, 1004, 1016, 2999, 5000})
    void refusesToSendCodesReservedOffTheWire(int code) {
        assertThrows(LocalProtocolError.class, () -> server.send(new CloseConnection(code)),
                "never silently rewritten: the application is told");
        assertEquals(ConnectionState.OPEN, server.state(), "nothing changed");
    }

    @Test
    void sendsCodeWithoutStatusAsEmptyClose() {
        assertArrayEquals(bytes(0x88, 0x00), wire(server.send(new CloseConnection(CloseCode.NO_STATUS_RCVD))));
        assertThrows(LocalProtocolError.class,
                () -> new Connection(ConnectionType.SERVER).send(new CloseConnection(1005, "reason")));
    }

    @Test
    void refusesCloseReasonLongerThan123Bytes() {
        assertThrows(LocalProtocolError.class, () -> server.send(new CloseConnection(1000, "x".repeat(124))));
        server.send(new CloseConnection(1000, "x".repeat(123)));
    }

    @Test
    void pingResponseIsPongWithTheSamePayload() {
        server.receiveData(client(Opcode.PING, true, "are you there"));
        Ping ping = (Ping) server.events().get(0);
        assertEquals(new Pong("are you there".getBytes()), ping.response());
        assertArrayEquals(concat(bytes(0x8a, 13), "are you there".getBytes()), wire(server.send(ping.response())));
    }

    @Test
    void unsolicitedPongIsSurfaced() {
        server.receiveData(client(Opcode.PONG, true, "heartbeat"));
        assertEquals(List.of(new Pong("heartbeat".getBytes())), server.events());
        assertEquals(ConnectionState.OPEN, server.state());
    }

    @Test
    void sansIoLayerSendsNothingUnasked() {
        server.receiveData(concat(client(Opcode.PING, true, "p"), client(Opcode.CLOSE, true, closePayload(1000, new byte[0]))));
        server.events();
        assertEquals(ConnectionState.REMOTE_CLOSING, server.state(), "the close is answered only when the application sends it");
    }

    @Test
    void aMessageBeforeAViolationInTheSameReadCanStillBeAnswered() {
        server.receiveData(concat(client(Opcode.TEXT, true, "fine"), client(0x3, true, new byte[0])));
        assertEquals(new TextMessage("fine"), server.nextEvent());
        assertEquals(ConnectionState.OPEN, server.state(), "the violation is not taken yet");
        byte[] echo = wire(server.send(new TextMessage("fine")));
        assertEquals(6, echo.length);
        CloseConnection violation = (CloseConnection) server.nextEvent();
        assertEquals(1002, violation.code());
        assertEquals(ConnectionState.REMOTE_CLOSING, server.state());
        assertThrows(LocalProtocolError.class, () -> server.send(new TextMessage("too late")),
                "once the violation is taken, only the close may follow");
        server.send(violation.response());
        assertEquals(ConnectionState.CLOSED, server.state());
    }

    @Test
    void thePeersCloseMovesTheStateWhenTaken() {
        server.receiveData(concat(client(Opcode.TEXT, true, "last"), client(Opcode.CLOSE, true, closePayload(1000, new byte[0]))));
        assertEquals(ConnectionState.OPEN, server.state());
        server.nextEvent();
        assertEquals(ConnectionState.OPEN, server.state());
        server.nextEvent();
        assertEquals(ConnectionState.REMOTE_CLOSING, server.state());
    }

    @Test
    void eofAfterAQueuedCloseAddsNoAbnormalClosure() {
        server.receiveData(client(Opcode.CLOSE, true, closePayload(1000, new byte[0])));
        server.receiveEof();
        List<Event> events = server.events();
        assertEquals(1, events.size(), events.toString());
        assertEquals(1000, ((CloseConnection) events.get(0)).code());
        assertEquals(ConnectionState.CLOSED, server.state());
    }
}
