package io.wsproto;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** A client and a server in memory, each sending what the other must receive intact. */
class RoundTripTest {
    /** The two ends, negotiated as a real handshake would, with or without permessage-deflate. */
    record Pair(Connection client, Connection server) {
        static Pair of(boolean deflate, PerMessageDeflate.Settings clientSettings, PerMessageDeflate.Settings serverSettings) {
            if (!deflate) {
                return new Pair(new Connection(ConnectionType.CLIENT), new Connection(ConnectionType.SERVER));
            }
            PerMessageDeflate clientPmd = new PerMessageDeflate(clientSettings);
            PerMessageDeflate serverPmd = new PerMessageDeflate(serverSettings);
            String offer = ExtensionsHandshake.clientOffer(List.of(clientPmd)).orElseThrow();
            String response = ExtensionsHandshake.serverExtensionsHandshake(List.of(offer), List.of(serverPmd)).orElseThrow();
            List<Extension> accepted = ExtensionsHandshake.clientExtensionsHandshake(List.of(response), List.of(clientPmd));
            assertEquals(1, accepted.size());
            return new Pair(new Connection(ConnectionType.CLIENT, accepted), new Connection(ConnectionType.SERVER, List.of(serverPmd)));
        }

        static Pair of(boolean deflate) {
            return of(deflate, PerMessageDeflate.Settings.DEFAULT, PerMessageDeflate.Settings.DEFAULT);
        }
    }

    /** Sends events from one end and returns what the other receives, read in chunks of {@code chunk} bytes. */
    static List<Event> transfer(Connection from, Connection to, int chunk, Event... events) {
        ByteArrayOutputStream wire = new ByteArrayOutputStream();
        for (Event e : events) {
            ByteBuffer b = from.send(e);
            wire.write(b.array(), b.arrayOffset() + b.position(), b.remaining());
        }
        byte[] bytes = wire.toByteArray();
        List<Event> received = new ArrayList<>();
        for (int i = 0; i < bytes.length; i += chunk) {
            to.receiveData(ByteBuffer.wrap(bytes, i, Math.min(chunk, bytes.length - i)));
            received.addAll(to.events());
        }
        return received;
    }

    /** Joins message parts into whole messages; other events pass through. */
    static List<Object> whole(List<Event> events) {
        List<Object> out = new ArrayList<>();
        StringBuilder text = new StringBuilder();
        ByteArrayOutputStream binary = new ByteArrayOutputStream();
        for (Event e : events) {
            if (e instanceof TextMessage t) {
                text.append(t.data());
                if (t.messageFinished()) {
                    out.add(text.toString());
                    text.setLength(0);
                }
            } else if (e instanceof BytesMessage b) {
                binary.write(b.data(), 0, b.data().length);
                if (b.messageFinished()) {
                    out.add(binary.toByteArray());
                    binary.reset();
                }
            } else {
                out.add(e);
            }
        }
        return out;
    }

    static String randomText(Random r, int chars) {
        StringBuilder s = new StringBuilder();
        String alphabet = "abcdefghijklmnopqrstuvwxyz éüñ€中文𝄞";
        while (s.length() < chars) {
            int cp = alphabet.codePointAt(r.nextInt(alphabet.length() - 1));
            if (Character.isLowSurrogate((char) cp)) {
                continue;
            }
            s.appendCodePoint(cp);
        }
        return s.toString();
    }

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void messagesOfEverySizeCrossIntactBothWays(boolean deflate) {
        Pair pair = Pair.of(deflate);
        Random r = new Random(deflate ? 1 : 2);
        for (int size : new int[] {0, 1, 125, 126, 65535, 65536, 1 << 20}) {
            byte[] payload = new byte[size];
            r.nextBytes(payload);
            String text = randomText(r, Math.min(size, 200_000));
            for (int chunk : new int[] {size + 20, 1000}) {
                List<Object> atServer = whole(transfer(pair.client(), pair.server(), chunk, new BytesMessage(payload), new TextMessage(text)));
                assertArrayEquals(payload, (byte[]) atServer.get(0), "binary " + size + " to server");
                assertEquals(text, atServer.get(1), "text to server");
                List<Object> atClient = whole(transfer(pair.server(), pair.client(), chunk, new BytesMessage(payload), new TextMessage(text)));
                assertArrayEquals(payload, (byte[]) atClient.get(0), "binary " + size + " to client");
                assertEquals(text, atClient.get(1), "text to client");
            }
        }
    }

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void fragmentedMessagesWithControlFramesBetweenCrossIntact(boolean deflate) {
        Pair pair = Pair.of(deflate);
        List<Event> got = transfer(pair.client(), pair.server(), 7,
                new TextMessage("first ", true, false),
                new Ping("between".getBytes()),
                new TextMessage("second ", true, false),
                new TextMessage("", true, false),
                new TextMessage("last €"));
        List<Object> messages = whole(got);
        assertEquals("first second last €", messages.get(1));
        assertEquals(new Ping("between".getBytes()), messages.get(0));
        long frameEnds = got.stream().filter(e -> e instanceof Message m && m.frameFinished()).count();
        assertEquals(4, frameEnds, "each fragment arrives as a frame");
    }

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void pingPongAndOrderlyCloseSeenAs1000ByBothSides(boolean deflate) {
        Pair pair = Pair.of(deflate);
        Ping ping = (Ping) transfer(pair.client(), pair.server(), 100, new Ping("hb".getBytes())).get(0);
        assertEquals(List.of(new Pong("hb".getBytes())), transfer(pair.server(), pair.client(), 100, ping.response()));

        CloseConnection atServer = (CloseConnection) transfer(pair.client(), pair.server(), 100, new CloseConnection(1000, "bye")).get(0);
        assertEquals(1000, atServer.code());
        assertEquals(CloseConnection.Origin.PEER, atServer.origin());
        assertEquals(ConnectionState.LOCAL_CLOSING, pair.client().state());
        assertEquals(ConnectionState.REMOTE_CLOSING, pair.server().state());

        CloseConnection atClient = (CloseConnection) transfer(pair.server(), pair.client(), 100, atServer.response()).get(0);
        assertEquals(1000, atClient.code());
        assertEquals(ConnectionState.CLOSED, pair.client().state());
        assertEquals(ConnectionState.CLOSED, pair.server().state());
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 2, 3})
    void everyContextTakeoverCombinationRoundTrips(int combination) {
        boolean clientNoContext = (combination & 1) != 0;
        boolean serverNoContext = (combination & 2) != 0;
        Pair pair = Pair.of(true,
                new PerMessageDeflate.Settings(clientNoContext, serverNoContext, 0, 6),
                PerMessageDeflate.Settings.DEFAULT);
        PerMessageDeflate clientPmd = (PerMessageDeflate) pair.client().extensions().get(0);
        assertEquals(clientNoContext, clientPmd.outboundNoContextTakeover());
        assertEquals(serverNoContext, clientPmd.inboundNoContextTakeover());
        for (int i = 0; i < 5; i++) {
            String msg = "repeated message number " + (i % 2);
            assertEquals(List.of(msg), whole(transfer(pair.client(), pair.server(), 9, new TextMessage(msg))));
            assertEquals(List.of(msg), whole(transfer(pair.server(), pair.client(), 9, new TextMessage(msg))));
        }
    }

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void compressedStreamSplitAtEveryByteGivesTheSameMessages(boolean deflate) {
        Pair reference = Pair.of(deflate);
        Event[] events = {new TextMessage("héllo héllo héllo", true, false), new Ping(), new TextMessage(" €𝄞"),
                new BytesMessage(new byte[300]), new TextMessage("héllo héllo")};
        List<Object> expected = whole(transfer(reference.server(), reference.client(), Integer.MAX_VALUE, events));
        assertEquals("héllo héllo héllo €𝄞", expected.get(1));
        for (int chunk = 1; chunk < 40; chunk++) {
            Pair pair = Pair.of(deflate);
            List<Object> got = whole(transfer(pair.server(), pair.client(), chunk, events));
            assertEquals(expected.size(), got.size());
            for (int i = 0; i < got.size(); i++) {
                if (got.get(i) instanceof byte[] b) {
                    assertArrayEquals((byte[]) expected.get(i), b);
                } else {
                    assertEquals(expected.get(i), got.get(i), "chunk " + chunk);
                }
            }
        }
        assertTrue(reference.client().state() == ConnectionState.OPEN);
    }
}
