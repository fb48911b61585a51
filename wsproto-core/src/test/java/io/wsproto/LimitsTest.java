package io.wsproto;

import static io.wsproto.Events.assertViolation;
import static io.wsproto.Frames.client;
import static io.wsproto.Frames.concat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.wsproto.events.BytesMessage;
import io.wsproto.events.Event;
import io.wsproto.frame.Opcode;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Every bound is a setting; exceeding one is a 1009 close, decided before the bytes are held. */
class LimitsTest {
    private static Connection server(Limits limits) {
        return new Connection(ConnectionType.SERVER, List.of(), limits);
    }

    @Test
    void defaultsAreDocumentedValues() {
        assertEquals(16 << 20, Limits.DEFAULT.maxFramePayload());
        assertEquals(16 << 20, Limits.DEFAULT.maxMessageSize());
        assertEquals(32 << 20, Limits.DEFAULT.maxBufferedInput());
    }

    @Test
    void rejectsFrameLargerThanTheLimitFromItsHeader() {
        Connection ws = server(Limits.DEFAULT.withMaxFramePayload(1000));
        ws.receiveData(Frames.header64(0x82, 1L << 40, true)); // a terabyte announced, no payload sent
        assertTrue(assertViolation(ws, 1009).reason().contains("frame payload"));
    }

    @Test
    void rejectsMessageLargerThanTheLimitAcrossFragments() {
        Connection ws = server(new Limits(1000, 1500, 4000));
        ws.receiveData(concat(client(Opcode.BINARY, false, new byte[1000]), client(Opcode.CONTINUATION, true, new byte[501])));
        List<Event> events = ws.events();
        assertEquals(1000, ((BytesMessage) events.get(0)).data().length, "the part within the limit was delivered");
        assertTrue(assertViolation(events, 1009).reason().contains("limit of 1500"));
    }

    @Test
    void acceptsMessageOfExactlyTheLimit() {
        Connection ws = server(new Limits(1000, 1500, 4000));
        ws.receiveData(concat(client(Opcode.BINARY, false, new byte[1000]), client(Opcode.CONTINUATION, true, new byte[500])));
        assertEquals(2, ws.events().size());
    }

    @Test
    void endlessFragmentedMessageIsStoppedAtTheLimit() {
        Connection ws = server(new Limits(125, 10_000, 20_000));
        ws.receiveData(client(Opcode.TEXT, false, "start"));
        ws.events();
        int sent = 5;
        while (ws.state() == ConnectionState.OPEN) {
            ws.receiveData(client(Opcode.CONTINUATION, false, "x".repeat(100)));
            List<Event> events = ws.events();
            sent += 100;
            assertTrue(sent < 10_200, "stopped within one frame of the limit");
            if (ws.state() != ConnectionState.OPEN) {
                assertViolation(events, 1009);
            }
        }
    }

    @Test
    void perPartLimitLetsAStreamedMessageGrowPastTheBound() {
        Connection ws = server(new Limits(1000, 1000, 4000).withPerPart(true));
        long received = 0;
        ws.receiveData(client(Opcode.BINARY, false, new byte[1000]));
        for (int i = 0; i < 50; i++) {
            ws.receiveData(client(Opcode.CONTINUATION, i == 49, new byte[1000]));
            for (Event e : ws.events()) {
                received += ((BytesMessage) e).data().length;
            }
        }
        assertEquals(ConnectionState.OPEN, ws.state());
        assertEquals(51_000, received, "51 frames of 1,000 bytes, each within the bound, 51,000 in all");
    }

    @Test
    void perPartLimitStillBoundsEachFrameFromItsHeader() {
        Connection ws = server(new Limits(4000, 1000, 4000).withPerPart(true));
        ws.receiveData(client(Opcode.BINARY, true, new byte[1001]));
        assertTrue(assertViolation(ws, 1009).reason().contains("message part of 1001+ bytes exceeds the limit of 1000"));
    }

    @Test
    void undrainedEventsAreBoundedByMaxBufferedInput() {
        Connection ws = server(new Limits(1000, 1000, 3000));
        for (int i = 0; i < 3; i++) {
            ws.receiveData(client(Opcode.BINARY, true, new byte[1000]));
        }
        assertEquals(ConnectionState.OPEN, ws.state());
        ws.receiveData(client(Opcode.BINARY, true, new byte[1]));
        List<Event> events = ws.events();
        assertEquals(4, events.size());
        assertTrue(assertViolation(events, 1009).reason().contains("without the application taking its events"));
    }

    @Test
    void drainingEventsReleasesTheBufferedInputBudget() {
        Connection ws = server(new Limits(1000, 1000, 1000));
        for (int i = 0; i < 50; i++) {
            ws.receiveData(client(Opcode.BINARY, true, new byte[1000]));
            assertEquals(1, ws.events().size());
        }
        assertEquals(ConnectionState.OPEN, ws.state());
    }

    @Test
    void pingFloodCannotGrowUndrainedEventsPastTheBound() {
        Connection ws = server(new Limits(125, 1000, 1000));
        byte[] ping = client(Opcode.PING, true, new byte[125]);
        for (int i = 0; i < 100 && ws.state() == ConnectionState.OPEN; i++) {
            ws.receiveData(ping);
        }
        assertViolation(ws.events(), 1009);
    }

    @Test
    void validatesSettings() {
        assertThrows(IllegalArgumentException.class, () -> new Limits(100, 1000, 1000));
        assertThrows(IllegalArgumentException.class, () -> new Limits(1000, 0, 1000));
        assertThrows(IllegalArgumentException.class, () -> new Limits(1000, 2000, 1000));
        assertEquals(new Limits(64 << 20, 64 << 20, 128 << 20), Limits.forMessagesUpTo(64 << 20));
    }
}
