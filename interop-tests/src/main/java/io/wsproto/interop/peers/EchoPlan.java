package io.wsproto.interop.peers;

import java.util.Arrays;
import java.util.Random;

/**
 * What every pair must do: text and binary messages from 0 bytes to 1 MiB echoed byte for byte, a
 * fragmented message of each type, a ping answered by a pong, and an orderly close with 1000. A failure
 * is an {@link AssertionError} naming the first step that went wrong.
 */
public final class EchoPlan {
    public static final int[] SIZES = {0, 1, 125, 126, 65535, 65536, 1 << 20};

    private EchoPlan() {
    }

    /** Text of exactly {@code bytes} UTF-8 bytes mixing 1-, 2-, 3- and 4-byte characters. */
    public static String text(int bytes, Random random) {
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
            expectBinary(payload, client.next(), "binary echo of " + size + " bytes");
            String text = text(size, random);
            client.sendText(text, true);
            expectText(text, client.next(), "text echo of " + size + " bytes");
        }
        client.sendText("frag", false);
        client.sendText("mented €", true);
        expectText("fragmented €", client.next(), "fragmented text");
        client.sendBinary(new byte[] {1, 2}, false);
        client.sendBinary(new byte[] {3}, true);
        expectBinary(new byte[] {1, 2, 3}, client.next(), "fragmented binary");
        byte[] ping = "are you there".getBytes(java.nio.charset.StandardCharsets.UTF_8);
        client.ping(ping);
        Object pong = client.next();
        if (!(pong instanceof EchoClient.PongReceived p) || !Arrays.equals(ping, p.payload())) {
            throw new AssertionError("pong: expected the ping's payload back, got " + describe(pong));
        }
        int reply = client.closeAndAwaitReply(1000);
        if (reply != 1000) {
            throw new AssertionError("close: the server replied " + reply + ", expected 1000");
        }
    }

    private static void expectBinary(byte[] expected, Object got, String what) {
        if (!(got instanceof byte[] bytes) || !Arrays.equals(expected, bytes)) {
            throw new AssertionError(what + ": got " + describe(got));
        }
    }

    private static void expectText(String expected, Object got, String what) {
        if (!expected.equals(got)) {
            throw new AssertionError(what + ": got " + describe(got));
        }
    }

    private static String describe(Object o) {
        if (o instanceof byte[] b) {
            return "a binary message of " + b.length + " bytes";
        }
        if (o instanceof String s) {
            return "a text message of " + s.length() + " chars";
        }
        if (o instanceof EchoClient.PongReceived p) {
            return "a pong of " + p.payload().length + " bytes";
        }
        return String.valueOf(o);
    }
}
