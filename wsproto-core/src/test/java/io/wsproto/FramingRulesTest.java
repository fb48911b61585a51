package io.wsproto;

import static io.wsproto.Events.assertViolation;
import static io.wsproto.Frames.bytes;
import static io.wsproto.Frames.client;
import static io.wsproto.Frames.concat;
import static io.wsproto.Frames.raw;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.wsproto.events.BytesMessage;
import io.wsproto.events.Event;
import io.wsproto.events.Ping;
import io.wsproto.events.TextMessage;
import io.wsproto.frame.Opcode;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** RFC 6455 §5.1-§5.5: the rules a frame header decides. */
class FramingRulesTest {
    private final Connection server = new Connection(ConnectionType.SERVER);
    private final Connection client = new Connection(ConnectionType.CLIENT);

    @Test
    void decodesTheMaskedHelloOfRfc6455() {
        server.receiveData(bytes(0x81, 0x85, 0x37, 0xfa, 0x21, 0x3d, 0x7f, 0x9f, 0x4d, 0x51, 0x58));
        assertEquals(List.of(new TextMessage("Hello")), server.events());
    }

    @Test
    void decodesTheUnmaskedHelloOfRfc6455() {
        client.receiveData(bytes(0x81, 0x05, 0x48, 0x65, 0x6c, 0x6c, 0x6f));
        assertEquals(List.of(new TextMessage("Hello")), client.events());
    }

    @Test
    void serverRejectsUnmaskedFrame() {
        server.receiveData(Frames.server(Opcode.TEXT, true, "hi".getBytes()));
        assertTrue(assertViolation(server, 1002).reason().contains("masked"));
    }

    @Test
    void clientRejectsMaskedFrame() {
        client.receiveData(client(Opcode.TEXT, true, "hi"));
        assertTrue(assertViolation(client, 1002).reason().contains("masked"));
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 125, 126, 127, 65535, 65536, 100_000})
    void decodesEveryLengthForm(int length) {
        byte[] payload = new byte[length];
        Arrays.fill(payload, (byte) 7);
        server.receiveData(client(Opcode.BINARY, true, payload));
        List<Event> events = server.events();
        assertEquals(1, events.size());
        assertArrayEquals(payload, ((BytesMessage) events.get(0)).data());
    }

    @Test
    void rejectsSixteenBitFormForShortPayload() {
        server.receiveData(raw(0x82, new byte[125], true, 16));
        assertTrue(assertViolation(server, 1002).reason().contains("minimal"));
    }

    @Test
    void rejectsSixtyFourBitFormForSixteenBitPayload() {
        server.receiveData(raw(0x82, new byte[65535], true, 64));
        assertTrue(assertViolation(server, 1002).reason().contains("minimal"));
    }

    @Test
    void rejectsSixtyFourBitLengthWithTopBitSet() {
        server.receiveData(Frames.header64(0x82, 0x8000_0000_0000_0000L, true));
        assertTrue(assertViolation(server, 1002).reason().contains("most significant bit"));
    }

    @ParameterizedTest
    @ValueSource(ints = {0x40, 0x20, 0x10, 0x70})
    void rejectsRsvBitsWithoutExtension(int rsvBits) {
        server.receiveData(raw(0x80 | rsvBits | Opcode.TEXT, "hi".getBytes(), true, -1));
        assertTrue(assertViolation(server, 1002).reason().contains("RSV"));
    }

    @ParameterizedTest
    @ValueSource(ints = {3, 4, 5, 6, 7, 0xB, 0xC, 0xD, 0xE, 0xF})
    void rejectsReservedOpcodes(int opcode) {
        server.receiveData(raw(0x80 | opcode, new byte[0], true, -1));
        assertTrue(assertViolation(server, 1002).reason().contains("not defined"));
    }

    @ParameterizedTest
    @ValueSource(ints = {Opcode.PING, Opcode.PONG, Opcode.CLOSE})
    void rejectsControlPayloadOver125(int opcode) {
        server.receiveData(raw(0x80 | opcode, new byte[126], true, -1));
        assertTrue(assertViolation(server, 1002).reason().contains("exceeds 125"));
    }

    @Test
    void acceptsControlPayloadOfExactly125() {
        server.receiveData(client(Opcode.PING, true, new byte[125]));
        assertEquals(List.of(new Ping(new byte[125])), server.events());
    }

    @ParameterizedTest
    @ValueSource(ints = {Opcode.PING, Opcode.PONG, Opcode.CLOSE})
    void rejectsFragmentedControlFrame(int opcode) {
        server.receiveData(client(opcode, false, new byte[2]));
        assertTrue(assertViolation(server, 1002).reason().contains("fragmented"));
    }

    @Test
    void acceptsControlFramesBetweenFragments() {
        server.receiveData(concat(
                client(Opcode.TEXT, false, "Hel"),
                client(Opcode.PING, true, "p"),
                client(Opcode.PONG, true, "q"),
                client(Opcode.CONTINUATION, true, "lo")));
        List<Event> events = server.events();
        assertEquals(4, events.size(), events::toString);
        assertEquals(new TextMessage("Hel", true, false), events.get(0));
        assertEquals(new Ping("p".getBytes()), events.get(1));
        assertEquals(new TextMessage("lo", true, true), events.get(3));
    }

    @Test
    void rejectsContinuationWithoutMessage() {
        server.receiveData(client(Opcode.CONTINUATION, true, "x"));
        assertTrue(assertViolation(server, 1002).reason().contains("continuation"));
    }

    @Test
    void rejectsNewDataFrameInsideFragmentedMessage() {
        server.receiveData(concat(client(Opcode.TEXT, false, "a"), client(Opcode.BINARY, true, "b")));
        List<Event> events = server.events();
        assertEquals(new TextMessage("a", true, false), events.get(0), "data before the violation is kept");
        assertTrue(assertViolation(events, 1002).reason().contains("expected a continuation"));
    }

    @Test
    void deliversFragmentsWithTheirFlags() {
        server.receiveData(concat(
                client(Opcode.BINARY, false, bytes(1)),
                client(Opcode.CONTINUATION, false, bytes(2)),
                client(Opcode.CONTINUATION, true, bytes(3))));
        assertEquals(List.of(
                new BytesMessage(bytes(1), true, false),
                new BytesMessage(bytes(2), true, false),
                new BytesMessage(bytes(3), true, true)), server.events());
    }

    @Test
    void deliversAPartOfAFrameAsItArrives() {
        byte[] frame = client(Opcode.BINARY, true, new byte[1000]);
        server.receiveData(Arrays.copyOfRange(frame, 0, 500));
        List<Event> first = server.events();
        assertEquals(1, first.size());
        BytesMessage part = (BytesMessage) first.get(0);
        assertEquals(500 - 8, part.data().length); // the header is 2 + 2 + 4 bytes
        assertTrue(!part.frameFinished() && !part.messageFinished());
        server.receiveData(Arrays.copyOfRange(frame, 500, frame.length));
        BytesMessage rest = (BytesMessage) server.events().get(0);
        assertEquals(508, rest.data().length);
        assertTrue(rest.frameFinished() && rest.messageFinished());
    }

    @Test
    void discardsEverythingAfterAViolation() {
        server.receiveData(concat(raw(0x83, new byte[0], true, -1), client(Opcode.TEXT, true, "lost")));
        List<Event> events = server.events();
        assertEquals(1, events.size());
        assertViolation(events, 1002);
        server.receiveData(client(Opcode.TEXT, true, "also ignored"));
        assertEquals(List.of(), server.events());
    }

    @Test
    void acceptsDataFromADirectBuffer() {
        byte[] frame = client(Opcode.TEXT, true, "direct");
        java.nio.ByteBuffer direct = java.nio.ByteBuffer.allocateDirect(frame.length);
        direct.put(frame).flip();
        server.receiveData(direct);
        assertEquals(List.of(new TextMessage("direct")), server.events());
        assertEquals(0, direct.remaining(), "the buffer is consumed");
    }
}
