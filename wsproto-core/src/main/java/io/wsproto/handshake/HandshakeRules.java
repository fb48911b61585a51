package io.wsproto.handshake;

import io.wsproto.LocalProtocolError;
import io.wsproto.RemoteProtocolError;
import io.wsproto.events.Header;
import io.wsproto.events.RejectConnection;
import io.wsproto.events.RejectData;
import io.wsproto.events.Request;
import io.wsproto.extensions.Extension;
import io.wsproto.extensions.ExtensionSpec;
import io.wsproto.extensions.ExtensionsHandshake;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * The rules of the opening handshake that do not depend on how it travels: the same for the HTTP/1.1
 * upgrade (RFC 6455 §4) and for extended CONNECT over HTTP/2 (RFC 8441 §4-§5, which keeps RFC 6455's
 * Sec-WebSocket-* headers). The front ends (wsproto-h1's {@code WSConnection}, wsproto-h2's
 * {@code ExtendedConnect}) read and write the header lines and call these for what the lines mean.
 *
 * <p>Header names are matched without regard to case; a header that may appear on several lines
 * (Sec-WebSocket-Protocol, Sec-WebSocket-Extensions) is read from all of them, in order.
 */
public final class HandshakeRules {
    /** The only protocol version (RFC 6455 §4.1, item 9). */
    public static final String VERSION = "13";
    /** The header that carries the protocol version, 13. */
    public static final String VERSION_HEADER = "Sec-WebSocket-Version";
    /** The header that offers and answers subprotocols. */
    public static final String SUBPROTOCOL_HEADER = "Sec-WebSocket-Protocol";
    /** The header that offers and answers extensions. */
    public static final String EXTENSIONS_HEADER = "Sec-WebSocket-Extensions";

    /** What the handshake itself writes, in lower case: never an application's extra header. */
    public static final Set<String> OWNED_HEADERS = Set.of("host", "upgrade", "connection", "sec-websocket-key",
            "sec-websocket-accept", "sec-websocket-version", "sec-websocket-protocol", "sec-websocket-extensions");

    private HandshakeRules() {
    }

    // ---------------------------------------------------------------- the server reads the request

    /**
     * The subprotocols a request offers, in its order of preference (RFC 6455 §4.2.1, item 8: a list of
     * tokens, over any number of field lines).
     *
     * @throws RemoteProtocolError a 400 naming the element that is not a token
     */
    public static List<String> offeredSubprotocols(List<String> fieldLines) {
        List<String> offered = Tokens.split(fieldLines);
        for (String p : offered) {
            if (!Tokens.isToken(p)) {
                throw badRequest("subprotocol \"" + p + "\" is not a token");
            }
        }
        return offered;
    }

    /**
     * The extension offers of a request (RFC 6455 §9.1), over any number of field lines.
     *
     * @throws RemoteProtocolError a 400 saying where the grammar broke
     */
    public static List<ExtensionSpec> extensionOffers(List<String> fieldLines) {
        try {
            return ExtensionSpec.parseHeaders(fieldLines);
        } catch (IllegalArgumentException e) {
            throw badRequest(e.getMessage());
        }
    }

    /** Whether the request's version lines say exactly 13. */
    public static boolean isSupportedVersion(List<String> fieldLines) {
        return fieldLines.size() == 1 && fieldLines.get(0).strip().equals(VERSION);
    }

    /**
     * The rejection of a request for another version: it names the version we speak in a
     * Sec-WebSocket-Version header (RFC 6455 §4.4).
     *
     * @param status 426 over HTTP/1.1; 400 over HTTP/2, which has no 426 (RFC 9113 §8.6)
     */
    public static RemoteProtocolError unsupportedVersion(List<String> fieldLines, int status) {
        String found = fieldLines.isEmpty() ? "is missing" : String.join(",", fieldLines) + " is not supported";
        return rejection(status, VERSION_HEADER + " " + found + "; this server speaks " + VERSION, new Header(VERSION_HEADER, VERSION));
    }

    /** A 400 whose short text body says what was wrong. */
    public static RemoteProtocolError badRequest(String why) {
        return rejection(400, why);
    }

    /**
     * A rejection of a bad request: the status and a text body saying why, as the {@link RemoteProtocolError}'s
     * response. Each front end frames it for its protocol (HTTP/1.1 closes the connection after it).
     */
    public static RemoteProtocolError rejection(int status, String why, Header... extraHeaders) {
        byte[] body = (why + "\n").getBytes(StandardCharsets.UTF_8);
        List<Header> headers = new ArrayList<>(List.of(new Header("Content-Type", "text/plain; charset=utf-8"),
                new Header("Content-Length", Integer.toString(body.length))));
        headers.addAll(List.of(extraHeaders));
        return new RemoteProtocolError("bad WebSocket request: " + why, new RejectConnection(status, headers, true), new RejectData(body, true));
    }

    // ---------------------------------------------------------------- the server answers

    /** The application may choose only a subprotocol the client offered (RFC 6455 §4.2.2), or none. */
    public static void checkChosenSubprotocol(Request request, String chosen) {
        if (chosen != null && !request.subprotocols().contains(chosen)) {
            throw new LocalProtocolError("subprotocol \"" + chosen + "\" was not offered; offered: " + request.subprotocols());
        }
    }

    /**
     * The Sec-WebSocket-Extensions value answering the request's offers with the extensions the application
     * supports (those that accept are enabled); empty when none was accepted.
     */
    public static Optional<String> extensionAnswer(Request request, List<? extends Extension> supported) {
        return ExtensionsHandshake.serverExtensionsHandshake(values(request.extraHeaders(), EXTENSIONS_HEADER), supported);
    }

    // ---------------------------------------------------------------- the client

    /** What a client may offer: each subprotocol a token. */
    public static void checkSubprotocolsToOffer(List<String> subprotocols) {
        for (String protocol : subprotocols) {
            if (!Tokens.isToken(protocol)) {
                throw new LocalProtocolError("subprotocol \"" + protocol + "\" is not a token");
            }
        }
    }

    /**
     * The subprotocol the server chose, or null (RFC 6455 §4.1, the client's step 6): at most one, and one
     * that was offered.
     *
     * @throws RemoteProtocolError when the server chose more than one, or one that was not offered
     */
    public static String chosenSubprotocol(Request sent, List<String> fieldLines) {
        List<String> chosen = Tokens.split(fieldLines);
        if (chosen.size() > 1) {
            throw new RemoteProtocolError("the server chose more than one subprotocol: " + chosen);
        }
        if (chosen.isEmpty()) {
            return null;
        }
        if (!sent.subprotocols().contains(chosen.get(0))) {
            throw new RemoteProtocolError("the server chose subprotocol \"" + chosen.get(0) + "\", which was not offered");
        }
        return chosen.get(0);
    }

    // ---------------------------------------------------------------- both

    /** The application's extra headers may not set what the handshake writes. */
    public static void checkExtraHeaders(List<Header> extra) {
        for (Header h : extra) {
            if (OWNED_HEADERS.contains(h.name().toLowerCase(Locale.ROOT))) {
                throw new LocalProtocolError(h.name() + " is written by the handshake and cannot be an extra header");
            }
        }
    }

    /** Every value of the named header, in order, its name matched without regard to case. */
    public static List<String> values(List<Header> headers, String name) {
        return headers.stream().filter(h -> h.is(name)).map(Header::value).toList();
    }
}
