package io.wsproto.extensions;

import io.wsproto.handshake.Tokens;
import java.util.ArrayList;
import java.util.List;

/**
 * The grammar of Sec-WebSocket-Extensions (RFC 6455 §9.1, with the list and token rules of RFC 9110):
 *
 * <pre>
 * extension-list = #extension          ; empty list elements are allowed and ignored (RFC 9110 §5.6.1.2)
 * extension      = token *( OWS ";" OWS extension-param )
 * extension-param = token [ OWS "=" OWS ( token / quoted-string ) ]   ; an unquoted value must be a token
 * </pre>
 *
 * Anything else is rejected with an {@link IllegalArgumentException} that says where and why.
 */
final class ExtensionHeader {
    private final String s;
    private int i;

    private ExtensionHeader(String s) {
        this.s = s;
    }

    static List<ExtensionSpec> parse(String value) {
        return new ExtensionHeader(value).list();
    }

    static void requireToken(String text, String what) {
        if (text.isEmpty()) {
            throw new IllegalArgumentException(what + " is empty");
        }
        for (int k = 0; k < text.length(); k++) {
            if (!Tokens.isTokenChar(text.charAt(k))) {
                throw new IllegalArgumentException(what + " '" + text + "' is not a token: character '"
                        + text.charAt(k) + "' is not allowed");
            }
        }
    }

    private List<ExtensionSpec> list() {
        List<ExtensionSpec> result = new ArrayList<>();
        while (true) {
            skipWhitespace();
            if (i == s.length()) {
                return result;
            }
            if (s.charAt(i) != ',') {
                result.add(extension());
                skipWhitespace();
                if (i == s.length()) {
                    return result;
                }
                if (s.charAt(i) != ',') {
                    throw error("expected ',' or ';'");
                }
            }
            i++; // the comma
        }
    }

    private ExtensionSpec extension() {
        String name = token("extension name");
        List<ExtensionSpec.Parameter> params = new ArrayList<>();
        while (true) {
            skipWhitespace();
            if (i == s.length() || s.charAt(i) != ';') {
                return new ExtensionSpec(name, params);
            }
            i++;
            skipWhitespace();
            String param = token("parameter name");
            skipWhitespace();
            String value = null;
            if (i < s.length() && s.charAt(i) == '=') {
                i++;
                skipWhitespace();
                value = i < s.length() && s.charAt(i) == '"' ? quotedToken(param) : token("value of " + param);
            }
            params.add(new ExtensionSpec.Parameter(param, value));
        }
    }

    private String token(String what) {
        int start = i;
        while (i < s.length() && Tokens.isTokenChar(s.charAt(i))) {
            i++;
        }
        if (i == start) {
            throw error("expected " + what);
        }
        return s.substring(start, i);
    }

    /** A quoted-string whose unescaped content must itself be a token (RFC 6455 §9.1). */
    private String quotedToken(String param) {
        int start = i;
        i++; // opening quote
        StringBuilder value = new StringBuilder();
        while (true) {
            if (i == s.length()) {
                i = start;
                throw error("unterminated quoted value of " + param);
            }
            char c = s.charAt(i++);
            if (c == '"') {
                break;
            }
            if (c == '\\') {
                if (i == s.length()) {
                    i = start;
                    throw error("unterminated quoted value of " + param);
                }
                c = s.charAt(i++);
            }
            if (!Tokens.isTokenChar(c)) {
                i--;
                throw error("quoted value of " + param + " must be a token");
            }
            value.append(c);
        }
        if (value.isEmpty()) {
            i = start;
            throw error("quoted value of " + param + " is empty");
        }
        return value.toString();
    }

    private void skipWhitespace() {
        while (i < s.length() && (s.charAt(i) == ' ' || s.charAt(i) == '\t')) {
            i++;
        }
    }

    private IllegalArgumentException error(String problem) {
        String found = i < s.length() ? "'" + s.charAt(i) + "'" : "the end";
        return new IllegalArgumentException("Sec-WebSocket-Extensions: " + problem + " at position " + i
                + " (found " + found + ") in \"" + s + "\"");
    }
}
