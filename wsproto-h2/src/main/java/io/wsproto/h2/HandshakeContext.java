package io.wsproto.h2;

import io.netty.channel.Channel;
import io.netty.handler.ssl.SslHandler;
import io.wsproto.events.Request;
import java.net.SocketAddress;
import java.security.cert.Certificate;
import java.util.List;
import javax.net.ssl.SSLPeerUnverifiedException;

/**
 * What a server knows of a WebSocket request when it decides on it: the request, where it came from and,
 * over TLS, who the peer proved to be.
 *
 * @param request the handshake request (path, subprotocols, extensions, headers)
 * @param remoteAddress the TCP peer (for HTTP/2, the connection that carries the stream)
 * @param peerCertificates the client's certificate chain when TLS asked for one and the client presented
 *     it, leaf first; empty otherwise
 * @param applicationProtocol the protocol ALPN chose ({@code h2} or {@code http/1.1}), or null without TLS
 * @param http2 whether the request is an extended CONNECT on an HTTP/2 stream (RFC 8441)
 */
public record HandshakeContext(Request request, SocketAddress remoteAddress, List<Certificate> peerCertificates,
                               String applicationProtocol, boolean http2) {
    /** Copies the certificate list. */
    public HandshakeContext {
        peerCertificates = List.copyOf(peerCertificates);
    }

    /** Whether the connection is TLS. */
    public boolean isSecure() {
        return applicationProtocol != null;
    }

    /** The request's {@code Origin} header (browsers send it; other clients seldom do), or null. */
    public String origin() {
        return request.header("origin");
    }

    /** The context of a request on {@code connection} (the TCP connection's channel). */
    static HandshakeContext of(Channel connection, Request request, boolean http2) {
        SslHandler tls = connection.pipeline().get(SslHandler.class);
        if (tls == null) {
            return new HandshakeContext(request, connection.remoteAddress(), List.of(), null, http2);
        }
        List<Certificate> chain;
        try {
            chain = List.of(tls.engine().getSession().getPeerCertificates());
        } catch (SSLPeerUnverifiedException noClientCertificate) {
            chain = List.of();
        }
        String alpn = tls.applicationProtocol();
        return new HandshakeContext(request, connection.remoteAddress(), chain, alpn == null ? "http/1.1" : alpn, http2);
    }
}
