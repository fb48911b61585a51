package io.wsproto.interop;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import java.util.Random;

/**
 * What every pair must do: text and binary messages from 0 bytes to 1 MiB echoed byte for byte, a
 * fragmented message of each type, a ping answered by a pong, and an orderly close with 1000.
 */
public final class EchoPlan {
    public static final int[] SIZES = {0, 1, 125, 126, 65535, 65536, 1 << 20};

    private EchoPlan() {
    }

    /** Text of exactly {@code bytes} UTF-8 bytes mixing 1-, 2-, 3- and 4-byte characters. */
    static String text(int bytes, Random random) {
        StringBuilder s = new StringBuilder();
        int left = bytes;
        String[] pieces = {"a", "é", "€", "𝄞"};
        while (left > 0) {
            int width = 1 + random.nextInt(Math.min(4, left));
            s.append(pieces[width - 1]);
            left -= width;
        }
        return s.toString();
    }

    public static void run(EchoClient client) throws Exception {
        Random random = new Random(8441);
        for (int size : SIZES) {
            byte[] payload = new byte[size];
            random.nextBytes(payload);
            client.sendBinary(payload, true);
            assertArrayEquals(payload, assertInstanceOf(byte[].class, client.next()), "binary echo of " + size + " bytes");
            String text = text(size, random);
            client.sendText(text, true);
            assertEquals(text, client.next(), "text echo of " + size + " bytes");
        }
        client.sendText("frag", false);
        client.sendText("mented €", true);
        assertEquals("fragmented €", client.next(), "fragmented text");
        client.sendBinary(new byte[] {1, 2}, false);
        client.sendBinary(new byte[] {3}, true);
        assertArrayEquals(new byte[] {1, 2, 3}, assertInstanceOf(byte[].class, client.next()), "fragmented binary");
        client.ping("are you there".getBytes());
        assertArrayEquals("are you there".getBytes(),
                assertInstanceOf(EchoClient.PongReceived.class, client.next()).payload(), "pong payload");
        assertEquals(1000, client.closeAndAwaitReply(1000), "the server's close reply");
    }
}
