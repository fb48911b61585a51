package io.wsproto;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.wsproto.events.BytesMessage;
import io.wsproto.events.CloseConnection;
import io.wsproto.events.Event;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A read that holds many frames is kept as bytes and parsed as the application takes events: nothing is
 * lost or reordered, the end of the transport comes after everything that arrived before it, and the
 * input bound acts where it did when every frame was parsed at once.
 */
class ParseAheadTest {
    private static byte[] frames(int first, int count) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int i = first; i < first + count; i++) {
            out.writeBytes(Frames.client(0x2, true, new byte[] {(byte) (i >> 8), (byte) i}));
        }
        return out.toByteArray();
    }

    private static int number(Event e) {
        byte[] data = ((BytesMessage) e).data();
        return (data[0] & 0xFF) << 8 | (data[1] & 0xFF);
    }

    @Test
    void eventsComeInOrderAcrossReadsWhileTheApplicationTakesThemSlowly() {
        Connection ws = new Connection(ConnectionType.SERVER);
        ByteBuffer firstRead = ByteBuffer.wrap(frames(0, 10_000));
        ws.receiveData(firstRead);
        assertEquals(0, firstRead.remaining(), "the caller's buffer is read to its end");
        for (int i = 0; i < 5; i++) {
            assertEquals(i, number(ws.nextEvent()));
        }
        ws.receiveData(frames(10_000, 100));
        ws.receiveEof();
        List<Event> rest = ws.events();
        assertEquals(10_095 + 1, rest.size());
        for (int i = 0; i < 10_095; i++) {
            assertEquals(i + 5, number(rest.get(i)), "event " + i);
        }
        assertEquals(CloseCode.ABNORMAL_CLOSURE, ((CloseConnection) rest.get(10_095)).code());
        assertNull(ws.nextEvent());
    }

    @Test
    void theCallersBufferIsNotReferencedAfterTheCall() {
        Connection ws = new Connection(ConnectionType.SERVER);
        byte[] bytes = frames(0, 100);
        ws.receiveData(bytes);
        java.util.Arrays.fill(bytes, (byte) 0); // the caller reuses its buffer
        List<Event> events = ws.events();
        assertEquals(100, events.size());
        assertEquals(99, number(events.get(99)));
    }

    @Test
    void theInputBoundFailsWith1009AfterTheEventsWithinIt() {
        Limits small = new Limits(1024, 1024, 4096);
        Connection ws = new Connection(ConnectionType.SERVER, List.of(), small);
        ws.receiveData(frames(0, 1000)); // 2,000 payload bytes: within the bound
        ws.receiveData(frames(1000, 2000)); // 4,000 more, none taken: past it
        List<Event> events = ws.events();
        CloseConnection close = assertInstanceOf(CloseConnection.class, events.get(events.size() - 1));
        assertEquals(CloseCode.MESSAGE_TOO_BIG, close.code());
        for (int i = 0; i < events.size() - 1; i++) {
            assertEquals(i, number(events.get(i)), "every event before the bound, in order");
        }
        assertEquals(2048, events.size() - 1, "events up to 4096 payload bytes were delivered");
    }
}
