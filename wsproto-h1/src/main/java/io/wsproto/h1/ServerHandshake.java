package io.wsproto.h1;

import static io.wsproto.h1.HandshakeHeaders.CONNECTION;
import static io.wsproto.h1.HandshakeHeaders.EXTENSIONS;
import static io.wsproto.h1.HandshakeHeaders.KEY;
import static io.wsproto.h1.HandshakeHeaders.PROTOCOL;
import static io.wsproto.h1.HandshakeHeaders.UPGRADE;
import static io.wsproto.h1.HandshakeHeaders.VERSION;

import io.wsproto.RemoteProtocolError;
import io.wsproto.events.AcceptConnection;
import io.wsproto.events.Request;
import io.wsproto.extensions.Extension;
import io.wsproto.handshake.HandshakeRules;
import io.wsproto.handshake.Tokens;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The server's side of RFC 6455 §4.2: the checks on the client's request and the response it writes. */
final class ServerHandshake {
    private static final Pattern REQUEST_LINE = Pattern.compile("([!#$%&'*+.^_`|~0-9A-Za-z-]+) ([\\x21-\\x7e]+) HTTP/(\\d)\\.(\\d)");

    /** The 101 response and the extensions it enabled. */
    record Acceptance(byte[] response, List<Extension> extensions) {
    }

    private ServerHandshake() {
    }

    /** Whether the head starts with a well-formed request line (of any method and version). */
    static boolean hasRequestLine(HttpHead head) {
        return REQUEST_LINE.matcher(head.startLine()).matches();
    }

    /** Checks a request head (RFC 6455 §4.2.1) and turns it into a {@link Request}. */
    static Request parseRequest(HttpHead head) throws HttpParseException {
        Matcher m = REQUEST_LINE.matcher(head.startLine());
        if (!m.matches()) {
            throw new HttpParseException(400, "malformed request line");
        }
        if (!m.group(1).equals("GET")) {
            throw new HttpParseException(400, "method " + m.group(1) + " cannot open a WebSocket; use GET");
        }
        if (!m.group(3).equals("1") || m.group(4).equals("0")) {
            throw new HttpParseException(400, "HTTP/" + m.group(3) + "." + m.group(4) + " cannot open a WebSocket; HTTP/1.1 is required");
        }
        String host = head.single(HandshakeHeaders.HOST);
        if (host == null || host.isEmpty()) {
            throw new HttpParseException(400, "missing Host header");
        }
        if (!Tokens.containsToken(head.values(UPGRADE), "websocket")) {
            throw new HttpParseException(400, "Upgrade header must contain websocket");
        }
        if (!Tokens.containsToken(head.values(CONNECTION), "upgrade")) {
            throw new HttpParseException(400, "Connection header must contain upgrade");
        }
        if (!HandshakeRules.isSupportedVersion(head.values(VERSION))) {
            throw HandshakeRules.unsupportedVersion(head.values(VERSION), 426);
        }
        String key = head.single(KEY);
        if (key == null || !isNonce(key)) {
            throw new HttpParseException(400, "Sec-WebSocket-Key must be the base64 of 16 bytes");
        }
        String length = head.combined("Content-Length");
        if (head.combined("Transfer-Encoding") != null || (length != null && !length.equals("0"))) {
            throw new HttpParseException(400, "a WebSocket upgrade request has no body");
        }
        return new Request(host, m.group(2), HandshakeRules.offeredSubprotocols(head.values(PROTOCOL)), List.of(),
                HandshakeRules.extensionOffers(head.values(EXTENSIONS)), head.headers());
    }

    private static boolean isNonce(String key) {
        try {
            return key.length() == 24 && Base64.getDecoder().decode(key).length == 16;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /** The error to raise for a request that is not HTTP the handshake can read: its status, and the reason as a short body. */
    static RemoteProtocolError badRequest(HttpParseException e) {
        return HandshakeRules.rejection(e.status(), e.getMessage());
    }

    /** The 101 response for an accepted request, negotiating extensions (RFC 6455 §4.2.2). */
    static Acceptance accept(Request request, AcceptConnection a) {
        HandshakeRules.checkChosenSubprotocol(request, a.subprotocol());
        HandshakeRules.checkExtraHeaders(a.extraHeaders());
        String extensions = HandshakeRules.extensionAnswer(request, a.extensions()).orElse(null);
        HeadWriter head = new HeadWriter("HTTP/1.1 101 Switching Protocols")
                .header(UPGRADE, "websocket")
                .header(CONNECTION, "Upgrade")
                .header(HandshakeHeaders.ACCEPT, AcceptKey.forKey(request.header(KEY)));
        if (a.subprotocol() != null) {
            head.header(PROTOCOL, a.subprotocol());
        }
        if (extensions != null) {
            head.header(EXTENSIONS, extensions);
        }
        head.headers(a.extraHeaders());
        List<Extension> enabled = a.extensions().stream().filter(Extension::enabled).toList();
        return new Acceptance(head.finish(), enabled);
    }
}
