package io.wsproto;

import static io.wsproto.Frames.bytes;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.wsproto.events.BytesMessage;
import io.wsproto.events.Ping;
import io.wsproto.events.TextMessage;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Frames we build: masking by role, length forms, fragmentation, what may not be sent. */
class SendTest {
    private static byte[] wire(ByteBuffer b) {
        byte[] out = new byte[b.remaining()];
        b.get(out);
        return out;
    }

    /** RandomGenerator.nextInt() takes the high half of nextLong(). */
    private static Connection clientWithKey(int key) {
        return new Connection(ConnectionType.CLIENT, List.of(), Limits.DEFAULT, () -> (long) key << 32);
    }

    @Test
    void clientMasksAsInRfc6455Example() {
        Connection client = clientWithKey(Frames.MASK_KEY);
        assertArrayEquals(bytes(0x81, 0x85, 0x37, 0xfa, 0x21, 0x3d, 0x7f, 0x9f, 0x4d, 0x51, 0x58),
                wire(client.send(new TextMessage("Hello"))));
    }

    @Test
    void serverDoesNotMask() {
        Connection server = new Connection(ConnectionType.SERVER);
        assertArrayEquals(bytes(0x81, 0x05, 0x48, 0x65, 0x6c, 0x6c, 0x6f), wire(server.send(new TextMessage("Hello"))));
    }

    @Test
    void clientTakesAFreshKeyForEveryFrame() {
        AtomicInteger next = new AtomicInteger(100);
        Connection client = new Connection(ConnectionType.CLIENT, List.of(), Limits.DEFAULT, () -> (long) next.getAndIncrement() << 32);
        byte[] a = wire(client.send(new TextMessage("x")));
        byte[] b = wire(client.send(new TextMessage("x")));
        assertEquals(100, ByteBuffer.wrap(a, 2, 4).getInt());
        assertEquals(101, ByteBuffer.wrap(b, 2, 4).getInt());
    }

    @Test
    void defaultKeysComeFromASecureSourceAndDiffer() {
        Connection client = new Connection(ConnectionType.CLIENT);
        byte[] a = wire(client.send(new BytesMessage(new byte[8])));
        byte[] b = wire(client.send(new BytesMessage(new byte[8])));
        assertNotEquals(ByteBuffer.wrap(a, 2, 4).getInt(), ByteBuffer.wrap(b, 2, 4).getInt());
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 125, 126, 65535, 65536})
    void usesTheMinimalLengthForm(int length) {
        byte[] frame = wire(new Connection(ConnectionType.SERVER).send(new BytesMessage(new byte[length])));
        int header = length < 126 ? 2 : length <= 65535 ? 4 : 10;
        assertEquals(header + length, frame.length);
        int len7 = frame[1] & 0x7F;
        assertEquals(length < 126 ? length : length <= 65535 ? 126 : 127, len7);
        if (len7 == 127) {
            assertEquals(0, frame[2] & 0x80, "the 64-bit form keeps its top bit clear");
        }
    }

    @Test
    void sendsAFragmentedMessageAsContinuations() {
        Connection server = new Connection(ConnectionType.SERVER);
        assertArrayEquals(bytes(0x01, 0x01, 'a'), wire(server.send(new TextMessage("a", true, false))));
        assertArrayEquals(bytes(0x00, 0x01, 'b'), wire(server.send(new TextMessage("b", true, false))));
        assertArrayEquals(bytes(0x89, 0x00), wire(server.send(new Ping())), "control frames may interleave");
        assertArrayEquals(bytes(0x80, 0x01, 'c'), wire(server.send(new TextMessage("c"))));
        assertArrayEquals(bytes(0x82, 0x00), wire(server.send(new BytesMessage(new byte[0]))), "the next message starts fresh");
    }

    @Test
    void refusesToMixMessageTypesWhileFragmenting() {
        Connection server = new Connection(ConnectionType.SERVER);
        server.send(new TextMessage("a", true, false));
        assertThrows(LocalProtocolError.class, () -> server.send(new BytesMessage(new byte[1])));
    }

    @Test
    void refusesALoneSurrogateRatherThanCorruptIt() {
        Connection server = new Connection(ConnectionType.SERVER);
        String clef = "𝄞";
        LocalProtocolError e = assertThrows(LocalProtocolError.class,
                () -> server.send(new TextMessage(clef.substring(0, 1), true, false)));
        assertEquals(true, e.getMessage().contains("surrogate"));
        server.send(new TextMessage(clef)); // a whole pair is fine
    }

    @Test
    void refusesControlPayloadOver125() {
        assertThrows(LocalProtocolError.class, () -> new Connection(ConnectionType.SERVER).send(new Ping(new byte[126])));
    }
}
