package io.wsproto;

import static io.wsproto.Events.assertViolation;
import static io.wsproto.Frames.bytes;
import static io.wsproto.Frames.client;
import static io.wsproto.Frames.concat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.wsproto.events.Event;
import io.wsproto.events.TextMessage;
import io.wsproto.frame.Opcode;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** RFC 6455 §5.6, §8.1: text is UTF-8, checked incrementally and failing fast. */
class TextRulesTest {
    private final Connection server = new Connection(ConnectionType.SERVER);

    @Test
    void rejectsInvalidUtf8InASingleFrame() {
        server.receiveData(client(Opcode.TEXT, true, bytes('o', 'k', 0xc3, 0x28)));
        assertTrue(assertViolation(server, 1007).reason().contains("byte 3"));
    }

    @Test
    void failsFastInTheFirstFragmentBeforeTheMessageEnds() {
        // Autobahn 6.4.x's shape: the bad byte comes in the first fragment; the rest never arrives.
        server.receiveData(client(Opcode.TEXT, false, bytes(0xce, 0xba, 0xe1, 0xbd, 0xb9, 0xcf, 0x83, 0xce, 0xbc, 0xce, 0xb5,
                0xf4, 0x90, 0x80, 0x80)));
        assertViolation(server, 1007);
    }

    @Test
    void failsFastInsideAFrameThatHasNotFullyArrived() {
        byte[] frame = client(Opcode.TEXT, true, concat(bytes(0xed, 0xa0, 0x80), new byte[1000]));
        server.receiveData(Arrays.copyOfRange(frame, 0, 12)); // header (8) and the first four payload bytes
        assertViolation(server, 1007);
    }

    @Test
    void rejectsTextEndingInsideASequence() {
        server.receiveData(concat(client(Opcode.TEXT, false, "ok"), client(Opcode.CONTINUATION, true, bytes(0xe2, 0x82))));
        assertTrue(assertViolation(server, 1007).reason().contains("ends inside"));
    }

    @Test
    void joinsACharacterSplitAcrossFragments() {
        byte[] euro = "€".getBytes(StandardCharsets.UTF_8); // e2 82 ac
        server.receiveData(concat(
                client(Opcode.TEXT, false, bytes('a', euro[0])),
                client(Opcode.CONTINUATION, false, bytes(euro[1])),
                client(Opcode.CONTINUATION, true, bytes(euro[2], 'b'))));
        List<Event> events = server.events();
        assertEquals(List.of(
                new TextMessage("a", true, false),
                new TextMessage("", true, false),
                new TextMessage("€b", true, true)), events, "parts hold whole characters only");
    }

    @Test
    void joinsACharacterSplitAcrossReads() {
        byte[] frame = client(Opcode.TEXT, true, "x𝄞y");
        StringBuilder text = new StringBuilder();
        for (byte b : frame) {
            server.receiveData(new byte[] {b});
            for (Event e : server.events()) {
                text.append(((TextMessage) e).data());
            }
        }
        assertEquals("x𝄞y", text.toString());
    }

    @Test
    void acceptsEmptyTextMessage() {
        server.receiveData(client(Opcode.TEXT, true, ""));
        assertEquals(List.of(new TextMessage("")), server.events());
    }
}
