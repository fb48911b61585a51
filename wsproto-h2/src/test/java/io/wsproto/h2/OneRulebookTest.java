package io.wsproto.h2;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.wsproto.ConnectionType;
import io.wsproto.LocalProtocolError;
import io.wsproto.RemoteProtocolError;
import io.wsproto.events.AcceptConnection;
import io.wsproto.events.Header;
import io.wsproto.events.RejectConnection;
import io.wsproto.events.RejectData;
import io.wsproto.events.Request;
import io.wsproto.extensions.ExtensionSpec;
import io.wsproto.extensions.PerMessageDeflate;
import io.wsproto.h1.WSConnection;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * One rulebook, two front ends: every handshake rule that does not depend on the transport (subprotocols,
 * extension offers, the version, the server's answer, the client's check of it) gives the same verdict
 * through the HTTP/1.1 upgrade ({@link WSConnection}) and through extended CONNECT ({@link ExtendedConnect}).
 */
class OneRulebookTest {
    private static final String NONCE = "dGhlIHNhbXBsZSBub25jZQ==";
    /** A line with this value is left out: it stands for a header the request does not have. */
    private static final String ABSENT = "(absent)";

    private static Header h(String name, String value) {
        return new Header(name, value);
    }

    // ---------------------------------------------------------------- the server reads a request

    static Stream<Arguments> requests() {
        return Stream.of(
                Arguments.of("one line of subprotocols", List.of(h("Sec-WebSocket-Protocol", "chat, superchat")),
                        "accepted: subprotocols [chat, superchat], offers []"),
                Arguments.of("subprotocols over two lines", List.of(h("Sec-WebSocket-Protocol", "chat"), h("Sec-WebSocket-Protocol", "superchat")),
                        "accepted: subprotocols [chat, superchat], offers []"),
                Arguments.of("empty list elements", List.of(h("Sec-WebSocket-Protocol", "chat,, superchat,")),
                        "accepted: subprotocols [chat, superchat], offers []"),
                Arguments.of("a subprotocol that is not a token", List.of(h("Sec-WebSocket-Protocol", "chat, super chat")),
                        "rejected 400: subprotocol \"super chat\" is not a token"),
                Arguments.of("extension offers over two lines", List.of(h("Sec-WebSocket-Extensions", "permessage-deflate; client_max_window_bits"),
                        h("Sec-WebSocket-Extensions", "x-webkit-deflate-frame")), "accepted: subprotocols [], offers [permessage-deflate, x-webkit-deflate-frame]"),
                Arguments.of("a malformed extension offer", List.of(h("Sec-WebSocket-Extensions", "permessage-deflate; =")),
                        "rejected 400: " + badOfferReason("permessage-deflate; =")),
                Arguments.of("another version", List.of(h("Sec-WebSocket-Version", "8")),
                        "rejected (version): Sec-WebSocket-Version 8 is not supported; this server speaks 13"),
                Arguments.of("no version", List.of(h("Sec-WebSocket-Version", ABSENT)),
                        "rejected (version): Sec-WebSocket-Version is missing; this server speaks 13"),
                Arguments.of("the version twice", List.of(h("Sec-WebSocket-Version", "13"), h("Sec-WebSocket-Version", "13")),
                        "rejected (version): Sec-WebSocket-Version 13,13 is not supported; this server speaks 13"));
    }

    private static String badOfferReason(String offer) {
        try {
            ExtensionSpec.parseHeader(offer);
            throw new AssertionError("the offer parses");
        } catch (IllegalArgumentException e) {
            return e.getMessage();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("requests")
    void theServerReadsARequestTheSameWayOverBothProtocols(String rule, List<Header> lines, String verdict) {
        assertEquals(verdict, serverVerdict(() -> h1Request(lines), 426), "HTTP/1.1");
        assertEquals(verdict, serverVerdict(() -> ExtendedConnect.readRequest(h2Request(lines), false), 400), "HTTP/2");
    }

    /** The request's lines with Sec-WebSocket-Version: 13 unless a line sets it. */
    private static List<Header> withVersion(List<Header> lines) {
        List<Header> all = new ArrayList<>();
        if (lines.stream().noneMatch(l -> l.is("Sec-WebSocket-Version"))) {
            all.add(h("Sec-WebSocket-Version", "13"));
        }
        lines.stream().filter(l -> !l.value().equals(ABSENT)).forEach(all::add);
        return all;
    }

    private static Request h1Request(List<Header> lines) {
        return h1Request(new WSConnection(ConnectionType.SERVER), lines);
    }

    private static Request h1Request(WSConnection server, List<Header> lines) {
        StringBuilder head = new StringBuilder("GET /chat HTTP/1.1\r\nHost: example.com\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                + "Sec-WebSocket-Key: " + NONCE + "\r\n");
        withVersion(lines).forEach(l -> head.append(l.name()).append(": ").append(l.value()).append("\r\n"));
        server.receiveData(head.append("\r\n").toString().getBytes(StandardCharsets.ISO_8859_1));
        return (Request) server.nextEvent();
    }

    private static List<Header> h2Request(List<Header> lines) {
        List<Header> headers = new ArrayList<>(List.of(h(":method", "CONNECT"), h(":protocol", "websocket"), h(":scheme", "https"),
                h(":path", "/chat"), h(":authority", "example.com")));
        withVersion(lines).forEach(l -> headers.add(h(l.name().toLowerCase(Locale.ROOT), l.value())));
        return headers;
    }

    private interface Reading {
        Request read();
    }

    private static String serverVerdict(Reading reading, int versionStatus) {
        try {
            Request r = reading.read();
            return "accepted: subprotocols " + r.subprotocols() + ", offers " + r.offeredExtensions().stream().map(ExtensionSpec::name).toList();
        } catch (RemoteProtocolError e) {
            RejectConnection reject = (RejectConnection) e.response().get(0);
            String body = new String(((RejectData) e.response().get(1)).data(), StandardCharsets.UTF_8).strip();
            boolean namesVersion = reject.headers().stream().anyMatch(x -> x.is("Sec-WebSocket-Version") && x.value().equals("13"));
            if (namesVersion) {
                assertEquals(versionStatus, reject.statusCode(), "the version is refused with " + versionStatus);
                return "rejected (version): " + body;
            }
            return "rejected " + reject.statusCode() + ": " + body;
        }
    }

    // ---------------------------------------------------------------- the server answers

    static Stream<Arguments> answers() {
        return Stream.of(
                Arguments.of("a subprotocol that was offered", answer(() -> new AcceptConnection("chat", List.of(), List.of())), "answered: chat"),
                Arguments.of("a subprotocol that was not offered", answer(() -> new AcceptConnection("other", List.of(), List.of())),
                        "refused: subprotocol \"other\" was not offered; offered: [chat, superchat]"),
                Arguments.of("an extra header the handshake owns",
                        answer(() -> new AcceptConnection(null, List.of(), List.of(h("Sec-WebSocket-Protocol", "x")))),
                        "refused: Sec-WebSocket-Protocol is written by the handshake and cannot be an extra header"),
                Arguments.of("deflate offered and supported", answer(() -> new AcceptConnection(null, List.of(new PerMessageDeflate()), List.of())),
                        "answered: null, permessage-deflate"));
    }

    /** Each front end gets its own answer: an extension instance serves one connection. */
    private static Supplier<AcceptConnection> answer(Supplier<AcceptConnection> fresh) {
        return fresh;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("answers")
    void theServerAnswersTheSameWayOverBothProtocols(String rule, Supplier<AcceptConnection> answer, String verdict) {
        List<Header> offer = List.of(h("Sec-WebSocket-Protocol", "chat, superchat"), h("Sec-WebSocket-Extensions", "permessage-deflate"));
        assertEquals(verdict, answerVerdict(() -> {
            WSConnection server = new WSConnection(ConnectionType.SERVER);
            h1Request(server, offer);
            String head = new String(bytes(server.send(answer.get())), StandardCharsets.ISO_8859_1);
            return headerValue(head, "Sec-WebSocket-Protocol") + headerSuffix(headerValue(head, "Sec-WebSocket-Extensions"));
        }), "HTTP/1.1");
        assertEquals(verdict, answerVerdict(() -> {
            ExtendedConnect.Acceptance a = ExtendedConnect.acceptHeaders(ExtendedConnect.readRequest(h2Request(offer), false), answer.get());
            return ExtendedConnect.value(a.headers(), "sec-websocket-protocol") + headerSuffix(ExtendedConnect.value(a.headers(), "sec-websocket-extensions"));
        }), "HTTP/2");
    }

    private interface Answering {
        String answer();
    }

    private static String answerVerdict(Answering answering) {
        try {
            return "answered: " + answering.answer();
        } catch (LocalProtocolError e) {
            return "refused: " + e.getMessage();
        }
    }

    private static String headerSuffix(String value) {
        return value == null ? "" : ", " + value;
    }

    // ---------------------------------------------------------------- the client offers and checks

    static Stream<Arguments> responses() {
        return Stream.of(
                Arguments.of("the server chose what was offered", List.of("chat"), "opened: chat"),
                Arguments.of("the server chose none", List.of(), "opened: null"),
                Arguments.of("the server chose what was not offered", List.of("other"),
                        "failed: the server chose subprotocol \"other\", which was not offered"),
                Arguments.of("the server chose two", List.of("chat, superchat"), "failed: the server chose more than one subprotocol: [chat, superchat]"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("responses")
    void theClientChecksTheAnswerTheSameWayOverBothProtocols(String rule, List<String> chosen, String verdict) {
        Request sent = new Request("example.com", "/chat", List.of("chat", "superchat"), List.of(), List.of());
        assertEquals(verdict, clientVerdict(() -> {
            WSConnection client = new WSConnection(ConnectionType.CLIENT);
            String request = new String(bytes(client.send(sent)), StandardCharsets.ISO_8859_1);
            StringBuilder response = new StringBuilder("HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                    + "Sec-WebSocket-Accept: " + acceptFor(headerValue(request, "Sec-WebSocket-Key")) + "\r\n");
            chosen.forEach(c -> response.append("Sec-WebSocket-Protocol: ").append(c).append("\r\n"));
            client.receiveData(response.append("\r\n").toString().getBytes(StandardCharsets.ISO_8859_1));
            return (AcceptConnection) client.nextEvent();
        }), "HTTP/1.1");
        assertEquals(verdict, clientVerdict(() -> {
            List<Header> headers = new ArrayList<>(List.of(h(":status", "200")));
            chosen.forEach(c -> headers.add(h("sec-websocket-protocol", c)));
            return (AcceptConnection) ExtendedConnect.readResponse(sent, headers, false);
        }), "HTTP/2");
    }

    @ParameterizedTest(name = "offering \"{0}\"")
    @MethodSource("badOffers")
    void theClientRefusesToOfferASubprotocolThatIsNotATokenOverBothProtocols(String subprotocol) {
        Request bad = new Request("example.com", "/chat", List.of(subprotocol), List.of(), List.of());
        String expected = "subprotocol \"" + subprotocol + "\" is not a token";
        assertEquals(expected, refusal(() -> new WSConnection(ConnectionType.CLIENT).send(bad)), "HTTP/1.1");
        assertEquals(expected, refusal(() -> ExtendedConnect.requestHeaders(bad, "https")), "HTTP/2");
    }

    static Stream<String> badOffers() {
        return Stream.of("two words", "", "chat,superchat", "é");
    }

    private static String refusal(Runnable sending) {
        try {
            sending.run();
            return "sent";
        } catch (LocalProtocolError e) {
            return e.getMessage();
        }
    }

    private interface Opening {
        AcceptConnection open();
    }

    private static String clientVerdict(Opening opening) {
        try {
            return "opened: " + opening.open().subprotocol();
        } catch (RemoteProtocolError e) {
            return "failed: " + e.getMessage();
        }
    }

    // ---------------------------------------------------------------- helpers

    private static byte[] bytes(ByteBuffer b) {
        byte[] out = new byte[b.remaining()];
        b.get(out);
        return out;
    }

    private static String headerValue(String head, String name) {
        Matcher m = Pattern.compile("(?im)^" + Pattern.quote(name) + ":[ \\t]*([^\\r\\n]*)").matcher(head);
        return m.find() ? m.group(1) : null;
    }

    private static String acceptFor(String key) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-1").digest((key + "258EAFA5-E914-47DA-95CA-C5AB0DC85B11").getBytes(StandardCharsets.US_ASCII));
            return Base64.getEncoder().encodeToString(digest);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new AssertionError(e);
        }
    }
}
