package io.wsproto.extensions;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.wsproto.Connection;
import io.wsproto.ConnectionState;
import io.wsproto.ConnectionType;
import io.wsproto.Limits;
import io.wsproto.RemoteProtocolError;
import io.wsproto.events.BytesMessage;
import io.wsproto.events.CloseConnection;
import io.wsproto.events.Event;
import io.wsproto.events.Ping;
import io.wsproto.events.TextMessage;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.zip.Deflater;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** RFC 7692: negotiation of the four parameters, and the data path against the worked examples of §7.2.3. */
class PerMessageDeflateTest {
    private static byte[] hex(String h) {
        return HexFormat.of().parseHex(h.replace(" ", ""));
    }

    private static byte[] wire(ByteBuffer b) {
        byte[] out = new byte[b.remaining()];
        b.get(out);
        return out;
    }

    /** A client and its enabled extension, negotiated against a response. */
    private static Connection client(String response) {
        PerMessageDeflate pmd = new PerMessageDeflate();
        ExtensionsHandshake.clientExtensionsHandshake(List.of(response), List.of(pmd));
        return new Connection(ConnectionType.CLIENT, List.of(pmd));
    }

    private static Connection server(String offer) {
        PerMessageDeflate pmd = new PerMessageDeflate();
        ExtensionsHandshake.serverExtensionsHandshake(List.of(offer), List.of(pmd));
        return new Connection(ConnectionType.SERVER, List.of(pmd));
    }

    // ---- §7.2.3 worked examples, received by a client ----

    @ParameterizedTest
    @ValueSource(strings = {
            "c1 07 f2 48 cd c9 c9 07 00",                       // §7.2.3.1 a message compressed in one frame
            "c1 0b 00 05 00 fa ff 48 65 6c 6c 6f 00",           // §7.2.3.3 a block with no compression
            "c1 08 f3 48 cd c9 c9 07 00 00",                    // §7.2.3.4 a block with BFINAL set
            "c1 0d f2 48 05 00 00 00 ff ff ca c9 c9 07 00",     // §7.2.3.5 two blocks in one message
    })
    void inflatesTheWorkedExamples(String frame) {
        Connection ws = client("permessage-deflate");
        ws.receiveData(hex(frame));
        assertEquals(List.of(new TextMessage("Hello")), ws.events());
    }

    @Test
    void inflatesTheFragmentedExample() {
        Connection ws = client("permessage-deflate");
        ws.receiveData(hex("41 03 f2 48 cd 80 04 c9 c9 07 00")); // §7.2.3.1, in two frames
        List<Event> events = ws.events();
        StringBuilder text = new StringBuilder();
        events.forEach(e -> text.append(((TextMessage) e).data()));
        assertEquals("Hello", text.toString());
        assertTrue(((TextMessage) events.get(events.size() - 1)).messageFinished());
    }

    @Test
    void inflatesWithTheSharedWindow() {
        Connection ws = client("permessage-deflate");
        ws.receiveData(hex("c1 07 f2 48 cd c9 c9 07 00 c1 05 f2 00 11 00 00")); // §7.2.3.2
        assertEquals(List.of(new TextMessage("Hello"), new TextMessage("Hello")), ws.events());
    }

    @Test
    void inflatesTheMessageAfterOneEndedWithBfinal() {
        Connection ws = client("permessage-deflate");
        ws.receiveData(hex("c1 08 f3 48 cd c9 c9 07 00 00 c1 07 f2 48 cd c9 c9 07 00"));
        assertEquals(List.of(new TextMessage("Hello"), new TextMessage("Hello")), ws.events());
    }

    @Test
    void compressesAsTheWorkedExamples() {
        Connection ws = server("permessage-deflate");
        assertArrayEquals(hex("c1 07 f2 48 cd c9 c9 07 00"), wire(ws.send(new TextMessage("Hello"))), "§7.2.3.1");
        assertArrayEquals(hex("c1 05 f2 00 11 00 00"), wire(ws.send(new TextMessage("Hello"))), "§7.2.3.2, context taken over");
    }

    @Test
    void compressesEachMessageAloneWithoutContextTakeover() {
        Connection ws = server("permessage-deflate; server_no_context_takeover");
        byte[] first = wire(ws.send(new TextMessage("Hello")));
        assertArrayEquals(first, wire(ws.send(new TextMessage("Hello"))));
    }

    @Test
    void setsRsv1OnTheFirstFrameOnlyAndNeverOnControlFrames() {
        Connection ws = server("permessage-deflate");
        assertEquals(0x41, wire(ws.send(new TextMessage("Hel", true, false)))[0] & 0xFF);
        assertEquals(0x89, wire(ws.send(new Ping("p".getBytes())))[0] & 0xFF);
        assertEquals(0x80, wire(ws.send(new TextMessage("lo")))[0] & 0xFF);
    }

    @Test
    void sendsAnEmptyFragmentBeforeTheEndAsAnEmptyPayload() {
        // An empty stored block would be valid too (RFC 7692 §7.2.1), but peers such as Netty 4.2 refuse a
        // first frame that inflates to nothing; an empty payload adds nothing to the stream and is refused by none.
        Connection server = server("permessage-deflate");
        assertArrayEquals(hex("41 00"), wire(server.send(new TextMessage("", true, false))));
        assertArrayEquals(hex("00 00"), wire(server.send(new TextMessage("", true, false))));
        byte[] end = wire(server.send(new TextMessage("Hello")));
        Connection client = client("permessage-deflate");
        client.receiveData(hex("41 00 00 00"));
        client.receiveData(end);
        assertEquals("Hello", client.events().stream().map(e -> ((TextMessage) e).data()).reduce("", String::concat));
        assertArrayEquals(hex("c1 05 f2 00 11 00 00"), wire(server.send(new TextMessage("Hello"))), "the context goes on as if unfragmented");
    }

    @Test
    void acceptsUncompressedMessages() {
        Connection ws = client("permessage-deflate");
        ws.receiveData(hex("81 05 48 65 6c 6c 6f"));
        assertEquals(List.of(new TextMessage("Hello")), ws.events());
    }

    @Test
    void rejectsRsv1OnAContinuationFrame() {
        Connection ws = client("permessage-deflate");
        ws.receiveData(hex("41 03 f2 48 cd c0 04 c9 c9 07 00"));
        List<Event> events = ws.events();
        assertEquals(1002, ((CloseConnection) events.get(events.size() - 1)).code());
    }

    @Test
    void rejectsRsv1OnAControlFrame() {
        Connection ws = client("permessage-deflate");
        ws.receiveData(hex("c9 00"));
        assertEquals(1002, ((CloseConnection) ws.events().get(0)).code());
    }

    @Test
    void rejectsRsv1WhenNotNegotiated() {
        Connection ws = new Connection(ConnectionType.CLIENT, List.of(new PerMessageDeflate()));
        ws.receiveData(hex("c1 07 f2 48 cd c9 c9 07 00"));
        assertEquals(1002, ((CloseConnection) ws.events().get(0)).code(), "an extension not enabled claims nothing");
    }

    @Test
    void rejectsCompressedDataAfterAFinalBlock() {
        Connection ws = client("permessage-deflate");
        ws.receiveData(hex("c1 0e f3 48 cd c9 c9 07 00 f2 48 cd c9 c9 07 00")); // "Hello", BFINAL, then more
        assertEquals(1007, ((CloseConnection) ws.events().get(0)).code());
    }

    @Test
    void rejectsCorruptCompressedDataWith1007() {
        Connection ws = client("permessage-deflate");
        ws.receiveData(hex("c2 03 ff ff ff"));
        CloseConnection close = (CloseConnection) ws.events().get(0);
        assertEquals(1007, close.code());
        assertTrue(close.reason().contains("deflate"));
    }

    @Test
    void rejectsInvalidUtf8AfterInflating() {
        Connection sender = server("permessage-deflate");
        byte[] frame = wire(sender.send(new BytesMessage(hex("c3 28"))));
        frame[0] = (byte) 0xC1; // relabel as text
        Connection ws = client("permessage-deflate");
        ws.receiveData(frame);
        assertEquals(1007, ((CloseConnection) ws.events().get(0)).code());
    }

    @Test
    void closesADecompressionBombAtTheMessageLimit() {
        // 64 MiB of zeros deflate to about 64 KiB; the receiver allows 1 MiB.
        Deflater deflater = new Deflater(9, true);
        byte[] zeros = new byte[1 << 20];
        byte[] compressed = new byte[1 << 20];
        int size = 0;
        for (int i = 0; i < 64; i++) {
            deflater.setInput(zeros);
            while (!deflater.needsInput()) {
                size += deflater.deflate(compressed, size, compressed.length - size, Deflater.NO_FLUSH);
            }
        }
        size += deflater.deflate(compressed, size, compressed.length - size, Deflater.SYNC_FLUSH);
        size -= 4;
        assertTrue(size < 256 << 10, "the bomb is small on the wire: " + size);
        int header = size <= 0xFFFF ? 4 : 10;
        byte[] frame = new byte[header + size];
        frame[0] = (byte) 0xC2;
        if (header == 4) {
            frame[1] = 126;
            ByteBuffer.wrap(frame, 2, 2).putShort((short) size);
        } else {
            frame[1] = 127;
            ByteBuffer.wrap(frame, 2, 8).putLong(size);
        }
        System.arraycopy(compressed, 0, frame, header, size);

        PerMessageDeflate pmd = new PerMessageDeflate();
        ExtensionsHandshake.clientExtensionsHandshake(List.of("permessage-deflate"), List.of(pmd));
        Connection ws = new Connection(ConnectionType.CLIENT, List.of(pmd), Limits.forMessagesUpTo(1 << 20));
        ws.receiveData(frame);
        List<Event> events = ws.events();
        CloseConnection close = assertInstanceOf(CloseConnection.class, events.get(events.size() - 1));
        assertEquals(1009, close.code());
        long delivered = events.stream().filter(e -> e instanceof BytesMessage).mapToLong(e -> ((BytesMessage) e).data().length).sum();
        assertTrue(delivered <= 1 << 20, "nothing past the limit was delivered: " + delivered);
        assertEquals(ConnectionState.REMOTE_CLOSING, ws.state());
    }

    @Test
    void aBombSplitAcrossManyMessagesInOneReadIsBoundedToo() {
        Connection sender = server("permessage-deflate");
        ByteBuffer many = ByteBuffer.allocate(1 << 20);
        for (int i = 0; i < 64; i++) {
            many.put(sender.send(new BytesMessage(new byte[1 << 20])));
        }
        many.flip();
        PerMessageDeflate pmd = new PerMessageDeflate();
        ExtensionsHandshake.clientExtensionsHandshake(List.of("permessage-deflate"), List.of(pmd));
        Connection ws = new Connection(ConnectionType.CLIENT, List.of(pmd), new Limits(1 << 20, 1 << 20, 4 << 20));
        ws.receiveData(many);
        List<Event> events = ws.events();
        assertEquals(1009, ((CloseConnection) events.get(events.size() - 1)).code());
        assertTrue(events.size() <= 6, "stopped after about 4 MiB of undrained events, not 64: " + events.size());
    }

    // ---- negotiation, server side (§5, §7.1) ----

    private static Optional<ExtensionSpec> accept(String offer) {
        return new PerMessageDeflate().accept(ExtensionSpec.parseHeader(offer).get(0));
    }

    @Test
    void serverAcceptsBareOffer() {
        assertEquals("permessage-deflate", accept("permessage-deflate").orElseThrow().toString());
    }

    @Test
    void serverEchoesServerNoContextTakeover() {
        PerMessageDeflate pmd = new PerMessageDeflate();
        assertEquals("permessage-deflate; server_no_context_takeover",
                pmd.accept(ExtensionSpec.parseHeader("permessage-deflate; server_no_context_takeover").get(0)).orElseThrow().toString());
        assertTrue(pmd.outboundNoContextTakeover());
    }

    @Test
    void serverMayDemandClientNoContextTakeover() {
        PerMessageDeflate pmd = new PerMessageDeflate(new PerMessageDeflate.Settings(true, false, 0, 6));
        assertEquals("permessage-deflate; client_no_context_takeover",
                pmd.accept(new ExtensionSpec("permessage-deflate")).orElseThrow().toString());
        assertTrue(pmd.inboundNoContextTakeover());
    }

    @Test
    void serverAcceptsClientMaxWindowBitsWithAndWithoutValue() {
        assertTrue(accept("permessage-deflate; client_max_window_bits").isPresent());
        assertTrue(accept("permessage-deflate; client_max_window_bits=10").isPresent());
    }

    @Test
    void serverAnswersServerMaxWindowBits15() {
        assertEquals("permessage-deflate; server_max_window_bits=15",
                accept("permessage-deflate; server_max_window_bits=15").orElseThrow().toString());
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "permessage-deflate; server_max_window_bits=9",      // we cannot compress with a smaller window
            "permessage-deflate; server_max_window_bits",        // needs a value
            "permessage-deflate; client_max_window_bits=16",
            "permessage-deflate; client_max_window_bits=7",
            "permessage-deflate; client_max_window_bits=010",    // leading zero
            "permessage-deflate; server_no_context_takeover=1",  // takes no value
            "permessage-deflate; server_no_context_takeover; server_no_context_takeover",
            "permessage-deflate; unknown_parameter",
    })
    void serverDeclinesOffersItMustNotOrCannotHonour(String offer) {
        PerMessageDeflate pmd = new PerMessageDeflate();
        assertEquals(Optional.empty(), pmd.accept(ExtensionSpec.parseHeader(offer).get(0)));
        assertFalse(pmd.enabled(), "a declined offer changes nothing");
    }

    // ---- negotiation, client side ----

    @Test
    void clientNeverOffersClientMaxWindowBits() {
        assertFalse(new PerMessageDeflate().offer().toString().contains("client_max_window_bits"));
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "permessage-deflate; client_max_window_bits=10",
            "permessage-deflate; client_max_window_bits",
            "permessage-deflate; unknown",
            "permessage-deflate; server_max_window_bits=20",
            "permessage-deflate; client_no_context_takeover; client_no_context_takeover",
    })
    void clientFailsOnResponsesItCannotAccept(String response) {
        assertThrows(RemoteProtocolError.class, () -> new PerMessageDeflate().acceptResponse(ExtensionSpec.parseHeader(response).get(0)));
    }

    @Test
    void clientHonoursClientNoContextTakeoverFromTheServer() {
        PerMessageDeflate pmd = new PerMessageDeflate();
        pmd.acceptResponse(ExtensionSpec.parseHeader("permessage-deflate; client_no_context_takeover; server_max_window_bits=10").get(0));
        assertTrue(pmd.outboundNoContextTakeover());
        assertFalse(pmd.inboundNoContextTakeover());
    }

    @Test
    void clientChecksTheWindowItAskedFor() {
        PerMessageDeflate asking = new PerMessageDeflate(new PerMessageDeflate.Settings(false, true, 10, 6));
        assertEquals("permessage-deflate; server_no_context_takeover; server_max_window_bits=10", asking.offer().toString());
        assertThrows(RemoteProtocolError.class, () -> asking.acceptResponse(ExtensionSpec.parseHeader("permessage-deflate; server_no_context_takeover").get(0)));
        assertThrows(RemoteProtocolError.class, () -> asking.acceptResponse(
                ExtensionSpec.parseHeader("permessage-deflate; server_no_context_takeover; server_max_window_bits=12").get(0)));
        asking.acceptResponse(ExtensionSpec.parseHeader("permessage-deflate; server_no_context_takeover; server_max_window_bits=9").get(0));
        assertTrue(asking.enabled());
    }

    @Test
    void inflatesAStreamMadeWithASmallWindow() {
        // bytes 0..99 six times, compressed by zlib in raw mode with a 9-bit (512-byte) window, tail removed
        byte[] compressed = hex("6260646266616563e7e0e4e2e6e1e5e3171014121611151397909492969195935750545256515553d7d0d4d2"
                + "d6d1d5d33730343236313533b7b0b4b2b6b1b5b37770747276717573f7f0f4f2f6f1f5f30f080c0a0e090d0b8f888c8a8e898d8b"
                + "4f484c4a6618b563c4d90100");
        byte[] frame = new byte[2 + compressed.length];
        frame[0] = (byte) 0xC2;
        frame[1] = (byte) compressed.length;
        System.arraycopy(compressed, 0, frame, 2, compressed.length);
        Connection ws = client("permessage-deflate; server_max_window_bits=9");
        ws.receiveData(frame);
        byte[] expected = new byte[600];
        Arrays.setAll(new int[600], i -> expected[i] = (byte) (i % 100));
        assertArrayEquals(expected, ((BytesMessage) ws.events().get(0)).data());
    }

    @Test
    void anUnlimitedBudgetDoesNotOverflow() {
        // Found by the deflate benchmark: a budget of Long.MAX_VALUE once overflowed to an empty buffer and a loop.
        PerMessageDeflate client = new PerMessageDeflate();
        PerMessageDeflate server = new PerMessageDeflate();
        String offer = ExtensionsHandshake.clientOffer(List.of(client)).orElseThrow();
        String answer = ExtensionsHandshake.serverExtensionsHandshake(List.of(offer), List.of(server)).orElseThrow();
        Extension sender = ExtensionsHandshake.clientExtensionsHandshake(List.of(answer), List.of(client)).get(0);
        byte[] message = "a message compressed and inflated without a budget".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        byte[] z = sender.encode(message, 0, message.length, true);
        assertArrayEquals(message, server.decode(z, 0, z.length, true, Long.MAX_VALUE));
        byte[] again = sender.encode(message, 0, message.length, true); // the second refers back to the first
        assertArrayEquals(message, server.decode(again, 0, again.length, true, Long.MAX_VALUE));
    }
}
