package io.wsproto.handshake;

import java.util.ArrayList;
import java.util.List;

/** HTTP tokens (RFC 9110 §5.6.2) and comma-separated lists of them (§5.6.1), as the handshake headers use them. */
public final class Tokens {
    private static final String TOKEN_SYMBOLS = "!#$%&'*+-.^_`|~";

    private Tokens() {
    }

    /** Whether {@code c} may appear in a token: a letter, a digit or one of {@code !#$%&'*+-.^_`|~}. */
    public static boolean isTokenChar(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || TOKEN_SYMBOLS.indexOf(c) >= 0;
    }

    /** Whether {@code s} is a non-empty token. */
    public static boolean isToken(String s) {
        if (s.isEmpty()) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            if (!isTokenChar(s.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    /** The non-empty elements of a comma-separated list, trimmed of whitespace; none for null. */
    public static List<String> split(String list) {
        List<String> out = new ArrayList<>();
        if (list == null) {
            return out;
        }
        for (String element : list.split(",", -1)) {
            String trimmed = element.strip();
            if (!trimmed.isEmpty()) {
                out.add(trimmed);
            }
        }
        return out;
    }

    /** The elements of every field line of a list-valued header, in order (RFC 9110 §5.3: lines combine with commas). */
    public static List<String> split(List<String> fieldLines) {
        List<String> out = new ArrayList<>();
        for (String line : fieldLines) {
            out.addAll(split(line));
        }
        return out;
    }

    /** Whether any of the field lines, as comma lists, holds {@code token}, ignoring case. */
    public static boolean containsToken(List<String> fieldLines, String token) {
        return split(fieldLines).stream().anyMatch(element -> element.equalsIgnoreCase(token));
    }
}
