package io.wsproto.interop.matrix;

/**
 * How a client reaches a server: HTTP/1.1 or HTTP/2, plaintext or TLS, directly or through nghttpx as a
 * reverse proxy that turns one into the other (RFC 8441 streams to HTTP/1.1 upgrades, and back).
 */
public enum Transport {
    H1("h1", false, false),
    H2C("h2c", false, true),
    TLS_H2("tls h2", true, true),
    TLS_H1("tls h1", true, false),
    /** The client speaks h2c (RFC 8441) to nghttpx, which speaks the HTTP/1.1 upgrade to the server. */
    PROXY_H2C_TO_H1("proxy h2c->h1", false, true),
    /** The client speaks the HTTP/1.1 upgrade to nghttpx, which opens an RFC 8441 stream to the server over h2c. */
    PROXY_H1_TO_H2C("proxy h1->h2c", false, false);

    final String label;
    final boolean tls;
    /** Whether the client speaks HTTP/2. */
    final boolean http2;

    Transport(String label, boolean tls, boolean http2) {
        this.label = label;
        this.tls = tls;
        this.http2 = http2;
    }

    /** Whether a proxy stands between client and server. */
    boolean proxied() {
        return this == PROXY_H2C_TO_H1 || this == PROXY_H1_TO_H2C;
    }

    /** How the client speaks: the transport itself, or the proxy's front. */
    Transport front() {
        return switch (this) {
            case PROXY_H2C_TO_H1 -> H2C;
            case PROXY_H1_TO_H2C -> H1;
            default -> this;
        };
    }

    /** How the server is reached: the transport itself, or the proxy's back. */
    Transport back() {
        return switch (this) {
            case PROXY_H2C_TO_H1 -> H1;
            case PROXY_H1_TO_H2C -> H2C;
            default -> this;
        };
    }

    /** The echo URL on a server listening on 127.0.0.1 (plaintext) or localhost (TLS, for the certificate's name). */
    String echoUrl(int port) {
        return (tls ? "wss://localhost:" : "ws://127.0.0.1:") + port + "/echo";
    }
}
