package io.wsproto.h1;

import io.wsproto.events.Header;
import io.wsproto.handshake.Tokens;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Collects and parses one HTTP/1.1 head (RFC 9112 §2-§5) from bytes that may arrive in any pieces. Strict
 * and bounded: every line ends in CRLF (a bare CR or bare LF is refused as soon as it is seen), no obs-fold,
 * field names are tokens with no space before the colon, values hold no control characters but HTAB, and
 * the head's size and line count stay within {@link HandshakeLimits}.
 */
final class HttpHeadParser {
    private final HandshakeLimits limits;
    private byte[] buf = new byte[256];
    private int size;
    private int lines;

    public HttpHeadParser(HandshakeLimits limits) {
        this.limits = limits;
    }

    /**
     * Consumes bytes up to the end of the head. Returns the head when it is complete, leaving what follows it
     * in {@code in}; returns null when more bytes are needed, having consumed all of {@code in}.
     */
    public HttpHead feed(ByteBuffer in) throws HttpParseException {
        while (in.hasRemaining()) {
            byte b = in.get();
            if (size > 0 && buf[size - 1] == '\r' && b != '\n') {
                throw new HttpParseException(400, "bare CR in the head (every line must end with CRLF)");
            }
            if (b == '\n') {
                if (size == 0 || buf[size - 1] != '\r') {
                    throw new HttpParseException(400, "bare LF in the head (every line must end with CRLF)");
                }
                if (++lines > limits.maxHeaderCount() + 2) { // the start line and the empty line end the head
                    throw new HttpParseException(431, "more than " + limits.maxHeaderCount() + " header fields");
                }
            }
            if (size == limits.maxHeadSize()) {
                throw new HttpParseException(431, "head exceeds " + limits.maxHeadSize() + " bytes");
            }
            if (size == buf.length) {
                buf = Arrays.copyOf(buf, Math.min(buf.length * 2, limits.maxHeadSize()));
            }
            buf[size++] = b;
            if (b == '\n' && size >= 4 && buf[size - 3] == '\n') {
                String head = new String(buf, 0, size - 4, StandardCharsets.ISO_8859_1);
                size = 0; // ready for the next head (after an interim 1xx response)
                lines = 0;
                return parse(head);
            }
        }
        return null;
    }

    private static HttpHead parse(String head) throws HttpParseException {
        String[] lines = head.split("\r\n", -1);
        String startLine = lines[0];
        if (startLine.isEmpty()) {
            throw new HttpParseException(400, "empty start line");
        }
        List<Header> headers = new ArrayList<>(lines.length - 1);
        for (int i = 1; i < lines.length; i++) {
            headers.add(field(lines[i]));
        }
        return new HttpHead(startLine, headers);
    }

    private static Header field(String line) throws HttpParseException {
        if (line.isEmpty()) {
            throw new HttpParseException(400, "empty header line");
        }
        if (line.charAt(0) == ' ' || line.charAt(0) == '\t') {
            throw new HttpParseException(400, "obsolete line folding is not accepted: \"" + printable(line) + "\"");
        }
        int colon = line.indexOf(':');
        if (colon <= 0) {
            throw new HttpParseException(400, "header line without a name and colon: \"" + printable(line) + "\"");
        }
        String name = line.substring(0, colon);
        for (int k = 0; k < name.length(); k++) {
            if (!Tokens.isTokenChar(name.charAt(k))) {
                throw new HttpParseException(400, "invalid character in header name \"" + printable(name) + "\"");
            }
        }
        int start = colon + 1;
        int end = line.length();
        while (start < end && isWhitespace(line.charAt(start))) {
            start++;
        }
        while (end > start && isWhitespace(line.charAt(end - 1))) {
            end--;
        }
        String value = line.substring(start, end);
        for (int k = 0; k < value.length(); k++) {
            char c = value.charAt(k);
            if ((c < 0x20 && c != '\t') || c == 0x7F) {
                throw new HttpParseException(400, "control character in the value of " + name);
            }
        }
        return new Header(name, value);
    }

    private static boolean isWhitespace(char c) {
        return c == ' ' || c == '\t';
    }

    private static String printable(String s) {
        String cut = s.length() > 40 ? s.substring(0, 40) + "..." : s;
        return cut.replaceAll("[^\\x20-\\x7e]", "?");
    }
}
