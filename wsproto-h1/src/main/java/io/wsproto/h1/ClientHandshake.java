package io.wsproto.h1;

import static io.wsproto.h1.HandshakeHeaders.ACCEPT;
import static io.wsproto.h1.HandshakeHeaders.CONNECTION;
import static io.wsproto.h1.HandshakeHeaders.EXTENSIONS;
import static io.wsproto.h1.HandshakeHeaders.PROTOCOL;
import static io.wsproto.h1.HandshakeHeaders.UPGRADE;

import io.wsproto.LocalProtocolError;
import io.wsproto.RemoteProtocolError;
import io.wsproto.events.AcceptConnection;
import io.wsproto.events.Request;
import io.wsproto.extensions.Extension;
import io.wsproto.extensions.ExtensionsHandshake;
import io.wsproto.handshake.HandshakeRules;
import io.wsproto.handshake.Tokens;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The client's side of RFC 6455 §4.1: the request it writes and the checks on the server's response. */
final class ClientHandshake {
    private static final Pattern STATUS_LINE = Pattern.compile("HTTP/1\\.(\\d) (\\d{3})(?: [\\t\\x20-\\x7e\\x80-\\xff]*)?");

    private ClientHandshake() {
    }

    static byte[] writeRequest(Request r, String key) {
        if (r.host().isEmpty() || r.host().chars().anyMatch(c -> c <= 0x20 || c >= 0x7F)) {
            throw new LocalProtocolError("host \"" + r.host() + "\" is empty or has spaces or control characters");
        }
        if (!r.target().startsWith("/") || r.target().chars().anyMatch(c -> c <= 0x20 || c >= 0x7F)) {
            throw new LocalProtocolError("request target \"" + r.target() + "\" must start with '/' and hold no spaces");
        }
        HandshakeRules.checkSubprotocolsToOffer(r.subprotocols());
        HandshakeRules.checkExtraHeaders(r.extraHeaders());
        HeadWriter head = new HeadWriter("GET " + r.target() + " HTTP/1.1")
                .header(HandshakeHeaders.HOST, r.host())
                .header(UPGRADE, "websocket")
                .header(CONNECTION, "Upgrade")
                .header(HandshakeHeaders.KEY, key)
                .header(HandshakeHeaders.VERSION, HandshakeRules.VERSION);
        if (!r.subprotocols().isEmpty()) {
            head.header(PROTOCOL, String.join(", ", r.subprotocols()));
        }
        ExtensionsHandshake.clientOffer(r.extensions()).ifPresent(offer -> head.header(EXTENSIONS, offer));
        return head.headers(r.extraHeaders()).finish();
    }

    /** The status code of a response head. */
    static int parseStatusLine(HttpHead head) throws HttpParseException {
        Matcher m = STATUS_LINE.matcher(head.startLine());
        if (!m.matches()) {
            throw new HttpParseException(400, "not an HTTP/1.x status line: \"" + head.startLine() + "\"");
        }
        return Integer.parseInt(m.group(2));
    }

    /** Checks a 101 response against the request (RFC 6455 §4.1, the client's steps 1-6). */
    static AcceptConnection validateAcceptance(HttpHead head, Request request, String key) throws HttpParseException {
        if (!Tokens.containsToken(head.values(UPGRADE), "websocket")) {
            throw new RemoteProtocolError("the 101 response's Upgrade header does not name websocket: " + head.combined(UPGRADE));
        }
        if (!Tokens.containsToken(head.values(CONNECTION), "upgrade")) {
            throw new RemoteProtocolError("the 101 response's Connection header lacks upgrade: " + head.combined(CONNECTION));
        }
        String accept = head.single(ACCEPT);
        String expected = AcceptKey.forKey(key);
        if (!expected.equals(accept)) {
            throw new RemoteProtocolError("Sec-WebSocket-Accept is " + (accept == null ? "missing" : "\"" + accept + "\"")
                    + ", expected \"" + expected + "\"");
        }
        String subprotocol = HandshakeRules.chosenSubprotocol(request, head.values(PROTOCOL));
        List<Extension> accepted = ExtensionsHandshake.clientExtensionsHandshake(head.values(EXTENSIONS), request.extensions());
        return new AcceptConnection(subprotocol, accepted, head.headers());
    }

    /** How the body of a rejection is delimited (RFC 9112 §6.3); null when it has none. */
    static RejectionBodyReader bodyReader(int status, HttpHead head, int maxLine) throws HttpParseException {
        if (status == 204 || status == 304) {
            return null;
        }
        List<String> codings = Tokens.split(head.combined("Transfer-Encoding"));
        if (!codings.isEmpty()) {
            return codings.get(codings.size() - 1).equalsIgnoreCase("chunked")
                    ? RejectionBodyReader.chunked(maxLine) : RejectionBodyReader.untilEof();
        }
        List<String> lengths = Tokens.split(head.combined("Content-Length"));
        if (lengths.isEmpty()) {
            return RejectionBodyReader.untilEof();
        }
        String first = lengths.get(0);
        if (!first.matches("\\d{1,18}") || lengths.stream().anyMatch(l -> !l.equals(first))) {
            throw new HttpParseException(400, "invalid Content-Length: " + head.combined("Content-Length"));
        }
        long length = Long.parseLong(first);
        return length == 0 ? null : RejectionBodyReader.contentLength(length, maxLine);
    }
}
