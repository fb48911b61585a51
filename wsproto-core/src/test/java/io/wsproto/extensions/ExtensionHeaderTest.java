package io.wsproto.extensions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** RFC 6455 §9.1's grammar for Sec-WebSocket-Extensions. */
class ExtensionHeaderTest {
    @Test
    void parsesSeveralOffersWithParameters() {
        List<ExtensionSpec> specs = ExtensionSpec.parseHeader(
                "permessage-deflate; client_max_window_bits; server_max_window_bits=10, permessage-deflate,x-foo");
        assertEquals(3, specs.size());
        assertEquals("permessage-deflate", specs.get(0).name());
        assertEquals(List.of(new ExtensionSpec.Parameter("client_max_window_bits", null),
                new ExtensionSpec.Parameter("server_max_window_bits", "10")), specs.get(0).parameters());
        assertEquals(List.of(), specs.get(1).parameters());
        assertEquals("x-foo", specs.get(2).name());
    }

    @Test
    void acceptsWhitespaceAroundSeparators() {
        List<ExtensionSpec> specs = ExtensionSpec.parseHeader(" \tpermessage-deflate ;\tserver_max_window_bits = 12 ,  foo ");
        assertEquals("12", specs.get(0).parameter("server_max_window_bits").orElseThrow().value());
        assertEquals("foo", specs.get(1).name());
    }

    @Test
    void unquotesQuotedValues() {
        ExtensionSpec spec = ExtensionSpec.parseHeader("permessage-deflate; server_max_window_bits=\"1\\0\"").get(0);
        assertEquals("10", spec.parameter("server_max_window_bits").orElseThrow().value());
    }

    @Test
    void ignoresEmptyListElements() {
        assertEquals(2, ExtensionSpec.parseHeader(", a,, b ,").size());
        assertEquals(0, ExtensionSpec.parseHeader("").size());
    }

    @Test
    void formatsBackToHeaderSyntax() {
        ExtensionSpec spec = new ExtensionSpec("permessage-deflate").with("server_no_context_takeover").with("server_max_window_bits", "15");
        assertEquals("permessage-deflate; server_no_context_takeover; server_max_window_bits=15", spec.toString());
        assertEquals(List.of(spec), ExtensionSpec.parseHeader(spec.toString()));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            ";foo                     | expected extension name",
            "foo;                     | expected parameter name",
            "foo; =1                  | expected parameter name",
            "foo; a=                  | expected value of a",
            "foo bar                  | expected ',' or ';'",
            "foo; a=\"unterminated    | unterminated quoted value",
            "foo; a=\"not token\"     | must be a token",
            "foo; a=\"\"              | is empty",
            "foo; a=b c               | expected ',' or ';'",
            "f(o)o                    | expected ',' or ';'",
            "foo; a=1=2               | expected ',' or ';'",
    })
    void rejectsMalformedHeadersSayingWhere(String header, String problem) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ExtensionSpec.parseHeader(header.strip()));
        assertTrue(e.getMessage().contains(problem), e.getMessage());
        assertTrue(e.getMessage().contains("position"), e.getMessage());
    }
}
