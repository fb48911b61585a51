package io.wsproto.frame;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class Utf8ValidatorTest {
    private static byte[] hex(String h) {
        return HexFormat.of().parseHex(h.replace(" ", ""));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "plain ascii that is longer than eight bytes", "κόσμε", "€", "𝄞 clef",
            "\u0080\u07FF\u0800\uFFFF", "\uD7FF\uE000", "\uDBFF\uDFFF" /* U+10FFFF */})
    void acceptsValidText(String text) {
        byte[] b = text.getBytes(StandardCharsets.UTF_8);
        Utf8Validator v = new Utf8Validator();
        assertEquals(-1, v.feed(b, 0, b.length));
        assertTrue(v.isComplete());
    }

    /** Each input is invalid at the byte index given: the validator must stop exactly there. */
    @ParameterizedTest
    @CsvSource({
            "80, 0",                 // a continuation byte without a lead
            "c0 80, 0",              // overlong 2-byte NUL
            "c1 bf, 0",              // overlong 2-byte
            "e0 80 80, 1",           // overlong 3-byte
            "e0 9f bf, 1",           // overlong 3-byte, top of the range
            "ed a0 80, 1",           // U+D800, a surrogate
            "ed bf bf, 1",           // U+DFFF
            "f0 80 80 80, 1",        // overlong 4-byte
            "f0 8f bf bf, 1",        // overlong 4-byte, top of the range
            "f4 90 80 80, 1",        // U+110000
            "f5 80 80 80, 0",        // never a lead
            "ff, 0",
            "41 42 43 44 45 46 47 48 49 c3 28, 10", // a bad continuation after an ASCII run
            "ce ba e1 bd b9 cf 83 ce bc ce b5 ed a0 80 65 64 69 74 65 64, 12", // Autobahn 6.3.1's shape
    })
    void stopsAtTheFirstInvalidByte(String input, int badIndex) {
        byte[] b = hex(input);
        assertEquals(badIndex, new Utf8Validator().feed(b, 0, b.length));
    }

    @Test
    void failsFastWhenFedOneByteAtATime() {
        byte[] b = hex("ce ba e1 bd b9 cf 83 ce bc ce b5 ed a0 80 65 64");
        Utf8Validator v = new Utf8Validator();
        for (int i = 0; i < b.length; i++) {
            int r = v.feed(b, i, 1);
            if (i < 12) {
                assertEquals(-1, r, "byte " + i);
            } else {
                assertEquals(i, r, "the invalid byte is reported as it arrives");
                return;
            }
        }
    }

    @Test
    void tracksACharacterSplitAcrossPieces() {
        byte[] clef = "a𝄞".getBytes(StandardCharsets.UTF_8); // 61 f0 9d 84 9e
        Utf8Validator v = new Utf8Validator();
        assertEquals(-1, v.feed(clef, 0, 3));
        assertFalse(v.isComplete());
        assertEquals(2, v.pendingBytes());
        assertEquals(-1, v.feed(clef, 3, 1));
        assertEquals(3, v.pendingBytes());
        assertEquals(-1, v.feed(clef, 4, 1));
        assertTrue(v.isComplete());
        assertEquals(0, v.pendingBytes());
    }

    @Test
    void agreesWithTheJdksStrictDecoderOnRandomInputCutAnywhere() {
        java.util.Random random = new java.util.Random(3629);
        java.nio.charset.CharsetDecoder strict = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(java.nio.charset.CodingErrorAction.REPORT)
                .onUnmappableCharacter(java.nio.charset.CodingErrorAction.REPORT);
        int[] interesting = {0x00, 0x41, 0x7F, 0x80, 0x8F, 0x90, 0x9F, 0xA0, 0xBF, 0xC0, 0xC1, 0xC2, 0xDF, 0xE0, 0xE1,
                0xEC, 0xED, 0xEE, 0xEF, 0xF0, 0xF1, 0xF3, 0xF4, 0xF5, 0xFF};
        for (int t = 0; t < 50_000; t++) {
            byte[] b = new byte[random.nextInt(14)];
            for (int i = 0; i < b.length; i++) {
                b[i] = (byte) interesting[random.nextInt(interesting.length)];
            }
            boolean valid;
            try {
                strict.decode(java.nio.ByteBuffer.wrap(b));
                valid = true;
            } catch (java.nio.charset.CharacterCodingException e) {
                valid = false;
            }
            int cut = random.nextInt(b.length + 1);
            Utf8Validator v = new Utf8Validator();
            boolean ours = v.feed(b, 0, cut) < 0 && v.feed(b, cut, b.length - cut) < 0 && v.isComplete();
            assertEquals(valid, ours, () -> HexFormat.of().formatHex(b) + " cut at " + cut);
        }
    }

    @Test
    void truncatedSequenceIsIncomplete() {
        byte[] b = hex("e2 82");
        Utf8Validator v = new Utf8Validator();
        assertEquals(-1, v.feed(b, 0, b.length));
        assertFalse(v.isComplete());
    }
}
