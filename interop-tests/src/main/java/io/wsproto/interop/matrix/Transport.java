package io.wsproto.interop.matrix;

/** How a client reaches a server: HTTP/1.1 or HTTP/2, plaintext or TLS. */
public enum Transport {
    H1("h1", false, false),
    H2C("h2c", false, true),
    TLS_H2("tls h2", true, true),
    TLS_H1("tls h1", true, false);

    final String label;
    final boolean tls;
    final boolean http2;

    Transport(String label, boolean tls, boolean http2) {
        this.label = label;
        this.tls = tls;
        this.http2 = http2;
    }

    /** The echo URL on a server listening on 127.0.0.1 (plaintext) or localhost (TLS, for the certificate's name). */
    String echoUrl(int port) {
        return (tls ? "wss://localhost:" : "ws://127.0.0.1:") + port + "/echo";
    }
}
