package io.wsproto;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.wsproto.events.BytesMessage;
import io.wsproto.events.CloseConnection;
import io.wsproto.events.Event;
import io.wsproto.events.Message;
import io.wsproto.events.Ping;
import io.wsproto.events.Pong;
import io.wsproto.events.TextMessage;
import io.wsproto.extensions.Extension;
import io.wsproto.extensions.ExtensionsHandshake;
import io.wsproto.extensions.PerMessageDeflate;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * Coverage-guided fuzzing of the frame decoder in both roles, with and without permessage-deflate.
 * Regression mode (every {@code mvn verify}) replays the corpus in
 * {@code src/test/resources/io/wsproto/ConnectionFuzzTestInputs}; fuzzing mode is
 * {@code JAZZER_FUZZ=1 mvn -pl wsproto-core test -Dtest=ConnectionFuzzTest#decodes} (see the README).
 */
class ConnectionFuzzTest {
    /** Small limits, so that the fuzzer reaches them. */
    private static final Limits LIMITS = new Limits(4096, 16384, 32768);
    private static final Set<Integer> VIOLATION_CODES = Set.of(1002, 1007, 1009);

    /**
     * Any bytes, in any pieces, as a server or a client, with or without deflate: only events come out,
     * never an exception; every bound holds; nothing follows the close.
     */
    @FuzzTest(maxDuration = "10m")
    void decodes(FuzzedDataProvider data) {
        boolean server = data.consumeBoolean();
        boolean deflate = data.consumeBoolean();
        Connection ws = new Connection(server ? ConnectionType.SERVER : ConnectionType.CLIENT,
                deflate ? negotiated(server, data.consumeBoolean(), data.consumeBoolean()) : List.of(), LIMITS);
        byte[] input = data.consumeRemainingAsBytes();
        SplittableRandom pieces = new SplittableRandom(input.length);
        List<Event> taken = new ArrayList<>();
        int offset = 0;
        while (offset < input.length) {
            int n = 1 + pieces.nextInt(Math.min(input.length - offset, 1500));
            ws.receiveData(ByteBuffer.wrap(input, offset, n));
            offset += n;
            if (pieces.nextInt(4) > 0) {
                takeAndCheck(ws, taken);
            }
        }
        ws.receiveEof();
        takeAndCheck(ws, taken);
        assertEquals(ConnectionState.CLOSED, ws.state());
        assertTrue(taken.get(taken.size() - 1) instanceof CloseConnection, "the last event is the close: " + taken);
        long closes = taken.stream().filter(e -> e instanceof CloseConnection).count();
        assertEquals(1, closes, "exactly one close: " + taken);
    }

    private static void takeAndCheck(Connection ws, List<Event> taken) {
        long payload = 0;
        Event e;
        while ((e = ws.nextEvent()) != null) {
            if (!taken.isEmpty() && taken.get(taken.size() - 1) instanceof CloseConnection) {
                throw new AssertionError("an event after the close: " + e);
            }
            taken.add(e);
            if (e instanceof TextMessage t) {
                payload += t.data().length();
                assertWellFormed(t.data());
            } else if (e instanceof BytesMessage b) {
                payload += b.data().length;
            } else if (e instanceof Ping p) {
                assertTrue(p.payload().length <= 125);
                if (ws.state() != ConnectionState.CLOSED) {
                    ws.send(p.response()); // answering must be possible until the transport is gone
                }
            } else if (e instanceof Pong p) {
                assertTrue(p.payload().length <= 125);
            } else if (e instanceof CloseConnection c) {
                switch (c.origin()) {
                    case PEER -> assertTrue(c.code() == CloseCode.NO_STATUS_RCVD || CloseCode.isAllowedOnWire(c.code()), c.toString());
                    case VIOLATION -> assertTrue(VIOLATION_CODES.contains(c.code()), c.toString());
                    case TRANSPORT -> assertEquals(CloseCode.ABNORMAL_CLOSURE, c.code());
                    default -> throw new AssertionError(c);
                }
                if (ws.state() == ConnectionState.REMOTE_CLOSING) {
                    ws.send(c.response());
                }
            }
        }
        // Text counts UTF-16 units, at most one per byte: the undelivered payload stayed within the bound.
        assertTrue(payload <= LIMITS.maxBufferedInput(), "undelivered payload " + payload);
    }

    private static void assertWellFormed(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Character.isHighSurrogate(c)) {
                assertTrue(i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1)), "unpaired surrogate");
                i++;
            } else {
                assertTrue(!Character.isLowSurrogate(c), "unpaired surrogate");
            }
        }
    }

    /**
     * Messages of any content, fragmented anywhere, with pings between, encoded by one side and decoded by
     * the other in any pieces (with and without deflate and its no-context-takeover options): the same
     * messages come out, in order.
     */
    @FuzzTest(maxDuration = "10m")
    void roundTrips(FuzzedDataProvider data) {
        boolean clientSends = data.consumeBoolean();
        boolean deflate = data.consumeBoolean();
        boolean serverNoContext = data.consumeBoolean();
        boolean clientNoContext = data.consumeBoolean();
        Connection client = new Connection(ConnectionType.CLIENT, deflate ? negotiated(false, serverNoContext, clientNoContext) : List.of(), LIMITS);
        Connection server = new Connection(ConnectionType.SERVER, deflate ? negotiated(true, serverNoContext, clientNoContext) : List.of(), LIMITS);
        Connection sender = clientSends ? client : server;
        Connection receiver = clientSends ? server : client;

        ByteArrayOutputStream wire = new ByteArrayOutputStream();
        List<Object> sent = new ArrayList<>();
        int count = data.consumeInt(0, 12);
        for (int m = 0; m < count; m++) {
            boolean text = data.consumeBoolean();
            if (data.consumeInt(0, 4) == 0) {
                byte[] ping = data.consumeBytes(125);
                wire.writeBytes(bytes(sender.send(new Ping(ping))));
                sent.add(new Ping(ping));
                continue;
            }
            int fragments = data.consumeInt(1, 3);
            if (text) {
                String s = new String(data.consumeString(2000).getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8);
                List<String> parts = splitText(s, fragments, data);
                for (int i = 0; i < parts.size(); i++) {
                    wire.writeBytes(bytes(sender.send(new TextMessage(parts.get(i), true, i == parts.size() - 1))));
                }
                sent.add(s);
            } else {
                byte[] b = data.consumeBytes(3000);
                int cut = fragments == 1 ? b.length : data.consumeInt(0, b.length);
                if (cut < b.length) {
                    wire.writeBytes(bytes(sender.send(new BytesMessage(java.util.Arrays.copyOfRange(b, 0, cut), true, false))));
                    wire.writeBytes(bytes(sender.send(new BytesMessage(java.util.Arrays.copyOfRange(b, cut, b.length), true, true))));
                } else {
                    wire.writeBytes(bytes(sender.send(new BytesMessage(b, true, true))));
                }
                sent.add(b);
            }
        }
        byte[] all = wire.toByteArray();
        SplittableRandom pieces = new SplittableRandom(data.consumeLong());
        List<Object> received = new ArrayList<>();
        MessageAssembler assembler = new MessageAssembler();
        int offset = 0;
        while (offset < all.length) {
            int n = 1 + pieces.nextInt(Math.min(all.length - offset, 700));
            receiver.receiveData(ByteBuffer.wrap(all, offset, n));
            offset += n;
            Event e;
            while ((e = receiver.nextEvent()) != null) {
                if (e instanceof Message part) {
                    Message whole = assembler.add(part);
                    if (whole instanceof TextMessage t) {
                        received.add(t.data());
                    } else if (whole instanceof BytesMessage b) {
                        received.add(b.data());
                    }
                } else if (e instanceof Ping p) {
                    received.add(p);
                } else {
                    throw new AssertionError("unexpected event " + e);
                }
            }
        }
        assertEquals(sent.size(), received.size());
        for (int i = 0; i < sent.size(); i++) {
            Object a = sent.get(i);
            Object b = received.get(i);
            if (a instanceof byte[] x) {
                assertTrue(java.util.Arrays.equals(x, (byte[]) b), "binary message " + i);
            } else if (a instanceof Ping p) {
                assertTrue(java.util.Arrays.equals(p.payload(), ((Ping) b).payload()), "ping " + i);
            } else {
                assertEquals(a, b, "text message " + i);
            }
        }
        assertNull(receiver.nextEvent());
    }

    /** Splits text into up to {@code n} fragments at code point boundaries. */
    private static List<String> splitText(String s, int n, FuzzedDataProvider data) {
        List<String> parts = new ArrayList<>();
        int start = 0;
        for (int i = 1; i < n && start < s.length(); i++) {
            int cut = data.consumeInt(start, s.length());
            if (cut > 0 && cut < s.length() && Character.isLowSurrogate(s.charAt(cut))) {
                cut--;
            }
            cut = Math.max(cut, start);
            parts.add(s.substring(start, cut));
            start = cut;
        }
        parts.add(s.substring(start));
        return parts;
    }

    /** permessage-deflate as negotiated between our client and server, for one side. */
    private static List<Extension> negotiated(boolean server, boolean serverNoContext, boolean clientNoContext) {
        PerMessageDeflate.Settings settings = new PerMessageDeflate.Settings(clientNoContext, serverNoContext, 0,
                java.util.zip.Deflater.DEFAULT_COMPRESSION);
        PerMessageDeflate offerer = new PerMessageDeflate(settings);
        PerMessageDeflate answerer = new PerMessageDeflate(settings);
        String offer = ExtensionsHandshake.clientOffer(List.of(offerer)).orElseThrow();
        String answer = ExtensionsHandshake.serverExtensionsHandshake(List.of(offer), List.of(answerer)).orElseThrow();
        if (server) {
            return List.of(answerer);
        }
        return ExtensionsHandshake.clientExtensionsHandshake(List.of(answer), List.of(offerer));
    }

    private static byte[] bytes(ByteBuffer b) {
        byte[] out = new byte[b.remaining()];
        b.get(out);
        return out;
    }
}
