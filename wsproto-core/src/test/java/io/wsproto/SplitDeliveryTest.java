package io.wsproto;

import static io.wsproto.Frames.client;
import static io.wsproto.Frames.closePayload;
import static io.wsproto.Frames.concat;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.wsproto.events.BytesMessage;
import io.wsproto.events.CloseConnection;
import io.wsproto.events.Event;
import io.wsproto.events.Message;
import io.wsproto.events.Ping;
import io.wsproto.events.Pong;
import io.wsproto.events.TextMessage;
import io.wsproto.frame.Opcode;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * However the bytes are cut, the same messages come out: every single cut, every pair of cuts, and one
 * byte at a time, over a stream that has every kind of frame.
 */
class SplitDeliveryTest {
    /** Text with 2-, 3- and 4-byte characters split across fragments, lengths in all three forms, control frames between fragments. */
    static final byte[] STREAM = concat(
            client(Opcode.TEXT, true, "héllo €uro 𝄞"),
            client(Opcode.TEXT, false, "frag"),
            client(Opcode.PING, true, "mid"),
            client(Opcode.CONTINUATION, false, "men".getBytes()),
            client(Opcode.CONTINUATION, true, "t𝄞".getBytes()),
            client(Opcode.BINARY, true, new byte[0]),
            client(Opcode.BINARY, true, pattern(130)),
            client(Opcode.BINARY, false, pattern(3)),
            client(Opcode.PONG, true, new byte[0]),
            client(Opcode.CONTINUATION, true, pattern(9)),
            client(Opcode.TEXT, true, ""),
            client(Opcode.CLOSE, true, closePayload(1000, "fin".getBytes())));

    static byte[] pattern(int n) {
        byte[] b = new byte[n];
        for (int i = 0; i < n; i++) {
            b[i] = (byte) (i * 31 + 7);
        }
        return b;
    }

    /** The messages the events describe, parts joined, with the frame count of each message. */
    static List<String> normalize(List<Event> events) {
        List<String> out = new ArrayList<>();
        StringBuilder text = new StringBuilder();
        ByteArrayOutputStream binary = new ByteArrayOutputStream();
        int frames = 0;
        for (Event e : events) {
            if (e instanceof Message m) {
                if (m instanceof TextMessage t) {
                    text.append(t.data());
                } else {
                    byte[] d = ((BytesMessage) m).data();
                    binary.write(d, 0, d.length);
                }
                frames += m.frameFinished() ? 1 : 0;
                if (m.messageFinished()) {
                    out.add(m instanceof TextMessage ? "text/" + frames + ":" + text
                            : "binary/" + frames + ":" + HexFormat.of().formatHex(binary.toByteArray()));
                    text.setLength(0);
                    binary.reset();
                    frames = 0;
                }
            } else if (e instanceof Ping p) {
                out.add("ping:" + HexFormat.of().formatHex(p.payload()));
            } else if (e instanceof Pong p) {
                out.add("pong:" + HexFormat.of().formatHex(p.payload()));
            } else {
                CloseConnection c = (CloseConnection) e;
                out.add("close:" + c.code() + ":" + c.reason() + ":" + c.origin());
            }
        }
        return out;
    }

    static List<String> feed(byte[] stream, int... cuts) {
        Connection ws = new Connection(ConnectionType.SERVER);
        List<Event> events = new ArrayList<>();
        int from = 0;
        for (int cut : cuts) {
            ws.receiveData(ByteBuffer.wrap(stream, from, cut - from));
            events.addAll(ws.events());
            from = cut;
        }
        ws.receiveData(ByteBuffer.wrap(stream, from, stream.length - from));
        events.addAll(ws.events());
        return normalize(events);
    }

    @Test
    void wholeStreamGivesTheExpectedMessages() {
        assertEquals(List.of(
                "text/1:héllo €uro 𝄞",
                "ping:" + HexFormat.of().formatHex("mid".getBytes()),
                "text/3:fragment𝄞",
                "binary/1:",
                "binary/1:" + HexFormat.of().formatHex(pattern(130)),
                "pong:",
                "binary/2:" + HexFormat.of().formatHex(concat(pattern(3), pattern(9))),
                "text/1:",
                "close:1000:fin:PEER"), feed(STREAM));
    }

    @Test
    void everySingleCutGivesTheSameMessages() {
        List<String> expected = feed(STREAM);
        for (int cut = 0; cut <= STREAM.length; cut++) {
            assertEquals(expected, feed(STREAM, cut), "cut at " + cut);
        }
    }

    @Test
    void everyPairOfCutsGivesTheSameMessages() {
        List<String> expected = feed(STREAM);
        for (int a = 1; a < STREAM.length; a++) {
            for (int b = a; b < STREAM.length; b++) {
                assertEquals(expected, feed(STREAM, a, b), "cuts at " + a + " and " + b);
            }
        }
    }

    @Test
    void oneByteAtATimeGivesTheSameMessages() {
        int[] cuts = new int[STREAM.length - 1];
        Arrays.setAll(cuts, i -> i + 1);
        assertEquals(feed(STREAM), feed(STREAM, cuts));
    }

    @Test
    void aViolationIsFoundWhereverTheBytesAreCut() {
        byte[] bad = concat(client(Opcode.TEXT, false, "ok"), client(Opcode.CONTINUATION, true, Frames.bytes(0xc0, 0x80)));
        List<String> expected = feed(bad);
        assertEquals("close:1007", expected.get(expected.size() - 1).substring(0, 10));
        for (int cut = 0; cut <= bad.length; cut++) {
            List<String> got = feed(bad, cut);
            assertEquals(expected.get(expected.size() - 1), got.get(got.size() - 1), "cut at " + cut);
        }
    }
}
