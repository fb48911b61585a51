package io.wsproto.h1;

import java.util.ArrayList;
import java.util.List;

/** HTTP tokens (RFC 9110 §5.6.2) and comma-separated lists of them (§5.6.1). */
final class Tokens {
    private Tokens() {
    }

    static boolean isTokenChar(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                || "!#$%&'*+-.^_`|~".indexOf(c) >= 0;
    }

    static boolean isToken(String s) {
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

    /** The non-empty elements of a comma-separated list, trimmed of whitespace. */
    static List<String> split(String list) {
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

    /** Whether any of the values, as comma lists, holds {@code token}, ignoring case. */
    static boolean containsToken(List<String> values, String token) {
        for (String value : values) {
            for (String element : split(value)) {
                if (element.equalsIgnoreCase(token)) {
                    return true;
                }
            }
        }
        return false;
    }
}
