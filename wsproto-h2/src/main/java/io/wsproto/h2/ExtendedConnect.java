package io.wsproto.h2;

import io.wsproto.LocalProtocolError;
import io.wsproto.RemoteProtocolError;
import io.wsproto.events.AcceptConnection;
import io.wsproto.events.Event;
import io.wsproto.events.Header;
import io.wsproto.events.RejectConnection;
import io.wsproto.events.Request;
import io.wsproto.extensions.Extension;
import io.wsproto.extensions.ExtensionSpec;
import io.wsproto.extensions.ExtensionsHandshake;
import io.wsproto.handshake.HandshakeRules;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The opening handshake of a WebSocket over HTTP/2 (RFC 8441 §4-§5): an extended CONNECT request and its
 * response, as header lists (pseudo-headers first, names in lower case), independent of any HTTP/2
 * library. Uses the same {@link Request}, {@link AcceptConnection} and {@link RejectConnection} events as
 * the HTTP/1.1 handshake. There is no Sec-WebSocket-Key or Accept, no Upgrade or Connection header: the
 * stream itself is the connection.
 */
public final class ExtendedConnect {
    /** The method pseudo-header. */
    public static final String METHOD = ":method";
    /** The protocol pseudo-header of RFC 8441. */
    public static final String PROTOCOL = ":protocol";
    /** The scheme pseudo-header. */
    public static final String SCHEME = ":scheme";
    /** The path pseudo-header. */
    public static final String PATH = ":path";
    /** The authority pseudo-header. */
    public static final String AUTHORITY = ":authority";
    /** The response status pseudo-header. */
    public static final String STATUS = ":status";
    static final String VERSION = HandshakeRules.VERSION_HEADER.toLowerCase(Locale.ROOT);
    static final String SUBPROTOCOL = HandshakeRules.SUBPROTOCOL_HEADER.toLowerCase(Locale.ROOT);
    static final String EXTENSIONS = HandshakeRules.EXTENSIONS_HEADER.toLowerCase(Locale.ROOT);

    /** Connection-specific fields that make an HTTP/2 message malformed (RFC 9113 §8.2.2). */
    private static final Set<String> CONNECTION_SPECIFIC = Set.of("connection", "upgrade", "keep-alive",
            "proxy-connection", "transfer-encoding");

    /** The response headers of an accepted request, and the extensions they enabled. */
    public record Acceptance(List<Header> headers, List<Extension> extensions) {
    }

    private ExtendedConnect() {
    }

    // ---------------------------------------------------------------- client

    /** The extended CONNECT request for {@code request} (RFC 8441 §4): {@code scheme} is http or https. */
    public static List<Header> requestHeaders(Request request, String scheme) {
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw new LocalProtocolError("scheme must be http or https, got " + scheme);
        }
        if (!request.target().startsWith("/")) {
            throw new LocalProtocolError("request target \"" + request.target() + "\" must start with '/'");
        }
        if (request.host().isEmpty()) {
            throw new LocalProtocolError("the authority (host) is empty");
        }
        HandshakeRules.checkSubprotocolsToOffer(request.subprotocols());
        List<Header> headers = new ArrayList<>();
        headers.add(new Header(METHOD, "CONNECT"));
        headers.add(new Header(PROTOCOL, "websocket"));
        headers.add(new Header(SCHEME, scheme));
        headers.add(new Header(PATH, request.target()));
        headers.add(new Header(AUTHORITY, request.host()));
        headers.add(new Header(VERSION, HandshakeRules.VERSION));
        if (!request.subprotocols().isEmpty()) {
            headers.add(new Header(SUBPROTOCOL, String.join(", ", request.subprotocols())));
        }
        ExtensionsHandshake.clientOffer(request.extensions()).ifPresent(offer -> headers.add(new Header(EXTENSIONS, offer)));
        headers.addAll(extra(request.extraHeaders()));
        return headers;
    }

    /**
     * The client's reading of the response: {@link AcceptConnection} for a 2xx (RFC 8441 §5), with the
     * subprotocol and extensions checked against what was offered; {@link RejectConnection} otherwise.
     *
     * @param endStream whether the response headers ended the stream (a rejection without body)
     * @throws RemoteProtocolError when a 2xx response chose what was not offered
     */
    public static Event readResponse(Request sent, List<Header> headers, boolean endStream) {
        String status = value(headers, STATUS);
        if (status == null || !status.matches("\\d{3}")) {
            throw new RemoteProtocolError("response without a valid :status: " + status);
        }
        int code = Integer.parseInt(status);
        List<Header> regular = regular(headers);
        if (code < 200 || code > 299) {
            return new RejectConnection(code, regular, !endStream);
        }
        if (endStream) {
            throw new RemoteProtocolError("a 2xx response to an extended CONNECT ended the stream");
        }
        String subprotocol = HandshakeRules.chosenSubprotocol(sent, values(headers, SUBPROTOCOL));
        List<Extension> accepted = ExtensionsHandshake.clientExtensionsHandshake(values(headers, EXTENSIONS), sent.extensions());
        return new AcceptConnection(subprotocol, accepted, regular);
    }

    // ---------------------------------------------------------------- server

    /** Whether these request headers ask for a WebSocket (an extended CONNECT with {@code :protocol}). */
    public static boolean isWebSocketRequest(List<Header> headers) {
        return "CONNECT".equals(value(headers, METHOD)) && value(headers, PROTOCOL) != null;
    }

    /**
     * Checks an extended CONNECT request (RFC 8441 §4-§5) and turns it into a {@link Request}.
     *
     * @param endStream whether the request headers ended the stream, which leaves no stream for a WebSocket
     * @throws RemoteProtocolError when the request is not a valid WebSocket request; its
     *     {@link RemoteProtocolError#response() response} is the 400 and a body saying why
     */
    public static Request readRequest(List<Header> headers, boolean endStream) {
        String protocol = value(headers, PROTOCOL);
        if (!"CONNECT".equals(value(headers, METHOD)) || protocol == null) {
            throw HandshakeRules.badRequest("not an extended CONNECT (:method CONNECT with :protocol)");
        }
        if (!protocol.equals("websocket")) {
            throw HandshakeRules.badRequest(":protocol " + protocol + " is not supported; only websocket");
        }
        String scheme = value(headers, SCHEME);
        if (!"http".equals(scheme) && !"https".equals(scheme)) {
            throw HandshakeRules.badRequest(":scheme must be http or https, got " + scheme);
        }
        String path = value(headers, PATH);
        if (path == null || path.isEmpty()) {
            throw HandshakeRules.badRequest("missing :path");
        }
        String authority = value(headers, AUTHORITY);
        if (authority == null || authority.isEmpty()) {
            throw HandshakeRules.badRequest("missing :authority");
        }
        if (endStream) {
            throw HandshakeRules.badRequest("the request ended its stream; a WebSocket needs it open");
        }
        for (Header h : headers) {
            if (CONNECTION_SPECIFIC.contains(h.name())) {
                throw HandshakeRules.badRequest("connection-specific header " + h.name() + " is not allowed in HTTP/2");
            }
        }
        List<String> versions = values(headers, VERSION);
        if (!HandshakeRules.isSupportedVersion(versions)) {
            throw HandshakeRules.unsupportedVersion(versions, 400);
        }
        List<String> subprotocols = HandshakeRules.offeredSubprotocols(values(headers, SUBPROTOCOL));
        List<ExtensionSpec> offers = HandshakeRules.extensionOffers(values(headers, EXTENSIONS));
        return new Request(authority, path, subprotocols, List.of(), offers, regular(headers));
    }

    /** The 200 response accepting {@code request}, negotiating extensions (RFC 8441 §5). */
    public static Acceptance acceptHeaders(Request request, AcceptConnection accept) {
        HandshakeRules.checkChosenSubprotocol(request, accept.subprotocol());
        String extensions = HandshakeRules.extensionAnswer(request, accept.extensions()).orElse(null);
        List<Header> headers = new ArrayList<>();
        headers.add(new Header(STATUS, "200"));
        if (accept.subprotocol() != null) {
            headers.add(new Header(SUBPROTOCOL, accept.subprotocol()));
        }
        if (extensions != null) {
            headers.add(new Header(EXTENSIONS, extensions));
        }
        headers.addAll(extra(accept.extraHeaders()));
        return new Acceptance(headers, accept.extensions().stream().filter(Extension::enabled).toList());
    }

    /** The response headers of a rejection; a 2xx status would accept, so it is refused. */
    public static List<Header> rejectHeaders(RejectConnection reject) {
        if (reject.statusCode() < 300 || reject.statusCode() > 599) {
            throw new LocalProtocolError("a rejection over HTTP/2 needs a status 300-599, got " + reject.statusCode());
        }
        List<Header> headers = new ArrayList<>();
        headers.add(new Header(STATUS, Integer.toString(reject.statusCode())));
        for (Header h : reject.headers()) {
            String name = h.name().toLowerCase(Locale.ROOT);
            if (!CONNECTION_SPECIFIC.contains(name) && !name.equals("content-length")) {
                headers.add(new Header(name, h.value()));
            }
        }
        return headers;
    }

    // ---------------------------------------------------------------- header lists

    /** The first value of the named header, its name matched without regard to case; null when absent. */
    static String value(List<Header> headers, String name) {
        List<String> all = values(headers, name);
        return all.isEmpty() ? null : all.get(0);
    }

    static List<String> values(List<Header> headers, String name) {
        return HandshakeRules.values(headers, name);
    }

    private static List<Header> regular(List<Header> headers) {
        return headers.stream().filter(h -> !h.name().startsWith(":")).toList();
    }

    /**
     * The application's extra headers, lower-cased for HTTP/2: none the handshake owns, and (HTTP/2 only)
     * no pseudo-header and no connection-specific field.
     */
    private static List<Header> extra(List<Header> extra) {
        HandshakeRules.checkExtraHeaders(extra);
        List<Header> out = new ArrayList<>();
        for (Header h : extra) {
            String name = h.name().toLowerCase(Locale.ROOT);
            if (name.startsWith(":") || CONNECTION_SPECIFIC.contains(name)) {
                throw new LocalProtocolError(h.name() + " cannot be an extra header of an HTTP/2 WebSocket handshake");
            }
            if (h.value().chars().anyMatch(c -> c == '\r' || c == '\n' || c == 0)) {
                throw new LocalProtocolError("header " + h.name() + " has CR, LF or NUL in its value");
            }
            out.add(new Header(name, h.value()));
        }
        return out;
    }
}
