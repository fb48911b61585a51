package io.wsproto.h1;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.wsproto.events.Header;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class HttpHeadParserTest {
    private static ByteBuffer bytes(String s) {
        return ByteBuffer.wrap(s.getBytes(StandardCharsets.ISO_8859_1));
    }

    private static HttpHead parse(String s) throws HttpParseException {
        return new HttpHeadParser(HandshakeLimits.DEFAULT).feed(bytes(s));
    }

    @Test
    void parsesAHeadAndLeavesWhatFollows() throws Exception {
        ByteBuffer in = bytes("GET / HTTP/1.1\r\nHost: a\r\nX-Two:  spaced value \t\r\n\r\nFRAME");
        HttpHead head = new HttpHeadParser(HandshakeLimits.DEFAULT).feed(in);
        assertEquals("GET / HTTP/1.1", head.startLine());
        assertEquals(List.of(new Header("Host", "a"), new Header("X-Two", "spaced value")), head.headers());
        assertEquals("FRAME", StandardCharsets.ISO_8859_1.decode(in).toString());
    }

    @Test
    void parsesOneByteAtATime() throws Exception {
        byte[] all = "GET /x HTTP/1.1\r\nHost: a\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1);
        HttpHeadParser parser = new HttpHeadParser(HandshakeLimits.DEFAULT);
        for (int i = 0; i < all.length - 1; i++) {
            assertNull(parser.feed(ByteBuffer.wrap(all, i, 1)));
        }
        assertEquals("GET /x HTTP/1.1", parser.feed(ByteBuffer.wrap(all, all.length - 1, 1)).startLine());
    }

    @Test
    void combinesRepeatedHeadersInOrder() throws Exception {
        HttpHead head = parse("GET / HTTP/1.1\r\nConnection: keep-alive\r\nconnection: Upgrade\r\n\r\n");
        assertEquals("keep-alive, Upgrade", head.combined("CONNECTION"));
        assertThrows(HttpParseException.class, () -> head.single("Connection"));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "GET / HTTP/1.1\\r\\nHost: a\\rb\\r\\n\\r\\n   | bare CR",
            "GET / HTTP/1.1\\nHost: a\\r\\n\\r\\n          | bare LF",
            "GET / HTTP/1.1\\r\\nHost: a\\r\\n folded\\r\\n\\r\\n | obsolete line folding",
            "GET / HTTP/1.1\\r\\nHost : a\\r\\n\\r\\n      | invalid character in header name",
            "GET / HTTP/1.1\\r\\nNoColon\\r\\n\\r\\n       | without a name and colon",
            "GET / HTTP/1.1\\r\\n: empty\\r\\n\\r\\n       | without a name and colon",
            "GET / HTTP/1.1\\r\\nX: a\\u0000b\\r\\n\\r\\n | control character",
    })
    void refusesMalformedHeadsSayingWhy(String head, String problem) {
        String unescaped = head.strip().replace("\\r", "\r").replace("\\n", "\n").replace("\\u0000", "\0");
        HttpParseException e = assertThrows(HttpParseException.class, () -> parse(unescaped));
        assertEquals(400, e.status());
        assertTrue(e.getMessage().contains(problem), e.getMessage());
    }

    @Test
    void refusesAnOversizeHeadWith431BeforeReadingItAll() {
        HttpHeadParser parser = new HttpHeadParser(new HandshakeLimits(1024, 100));
        HttpParseException e = assertThrows(HttpParseException.class,
                () -> parser.feed(bytes("GET / HTTP/1.1\r\nX: " + "a".repeat(5000))));
        assertEquals(431, e.status());
        assertTrue(e.getMessage().contains("1024"));
    }

    @Test
    void refusesTooManyHeadersWith431() {
        StringBuilder head = new StringBuilder("GET / HTTP/1.1\r\n");
        for (int i = 0; i < 11; i++) {
            head.append("X").append(i).append(": v\r\n");
        }
        HttpParseException e = assertThrows(HttpParseException.class,
                () -> new HttpHeadParser(new HandshakeLimits(8192, 10)).feed(bytes(head + "\r\n")));
        assertEquals(431, e.status());
    }

    @Test
    void acceptsExactlyTheHeaderLimit() throws Exception {
        StringBuilder head = new StringBuilder("GET / HTTP/1.1\r\n");
        for (int i = 0; i < 10; i++) {
            head.append("X").append(i).append(": v\r\n");
        }
        assertEquals(10, new HttpHeadParser(new HandshakeLimits(8192, 10)).feed(bytes(head + "\r\n")).headers().size());
    }
}
