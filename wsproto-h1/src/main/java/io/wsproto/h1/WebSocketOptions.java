package io.wsproto.h1;

import io.wsproto.Limits;
import io.wsproto.events.Header;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.random.RandomGenerator;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;

/** Settings of a {@link BlockingWebSocket}; each setter returns this options object. */
public final class WebSocketOptions {
    private Limits limits = Limits.DEFAULT;
    private HandshakeLimits handshakeLimits = HandshakeLimits.DEFAULT;
    private boolean deflate;
    private List<String> subprotocols = List.of();
    private final List<Header> headers = new ArrayList<>();
    private SSLSocketFactory sslSocketFactory;
    private boolean verifyCertificates = true;
    private Duration connectTimeout = Duration.ofSeconds(10);
    private Duration handshakeTimeout = Duration.ofSeconds(10);
    private Duration readTimeout = Duration.ZERO;
    private Duration closeTimeout = Duration.ofSeconds(5);
    private boolean autoPong = true;
    private RandomGenerator random = new SecureRandom();

    /**
     * The core limits.
     *
     * @param value the limits
     * @return these options
     */
    public WebSocketOptions limits(Limits value) {
        limits = value;
        return this;
    }

    /**
     * The bounds on the HTTP/1.1 heads.
     *
     * @param value the head limits
     * @return these options
     */
    public WebSocketOptions handshakeLimits(HandshakeLimits value) {
        handshakeLimits = value;
        return this;
    }

    /** Client: offer permessage-deflate. Default false. */
    public WebSocketOptions deflate(boolean value) {
        deflate = value;
        return this;
    }

    /** Client: the subprotocols to offer, in order of preference. */
    public WebSocketOptions subprotocols(String... value) {
        subprotocols = List.of(value);
        return this;
    }

    /** Client: a header to add to the request (Origin, Authorization, ...). */
    public WebSocketOptions header(String name, String value) {
        headers.add(new Header(name, value));
        return this;
    }

    /** Client: the factory for {@code wss://} sockets. Default: the JDK's default SSL socket factory. */
    public WebSocketOptions sslSocketFactory(SSLSocketFactory value) {
        sslSocketFactory = value;
        return this;
    }

    /**
     * Client: skip certificate and host name verification for {@code wss://}. For tests against a server
     * with a self-signed certificate on this machine only; never the default.
     */
    public WebSocketOptions insecureSkipCertificateVerification() {
        verifyCertificates = false;
        sslSocketFactory = trustingEverything();
        return this;
    }

    /**
     * How long a client waits for the TCP connection.
     *
     * @param value the timeout
     * @return these options
     */
    public WebSocketOptions connectTimeout(Duration value) {
        connectTimeout = value;
        return this;
    }

    /** How long the opening handshake may take. Default 10 s. */
    public WebSocketOptions handshakeTimeout(Duration value) {
        handshakeTimeout = value;
        return this;
    }

    /** How long {@code receive()} waits for bytes; zero (the default) waits for ever. */
    public WebSocketOptions readTimeout(Duration value) {
        readTimeout = value;
        return this;
    }

    /** How long {@code close()} waits for the peer's close. Default 5 s. */
    public WebSocketOptions closeTimeout(Duration value) {
        closeTimeout = value;
        return this;
    }

    /** Answer pings with pongs as they arrive. Default true. */
    public WebSocketOptions autoPong(boolean value) {
        autoPong = value;
        return this;
    }

    /** The source of handshake keys and mask keys. Default a {@link SecureRandom}. */
    public WebSocketOptions random(RandomGenerator value) {
        random = value;
        return this;
    }

    Limits limits() {
        return limits;
    }

    HandshakeLimits handshakeLimits() {
        return handshakeLimits;
    }

    boolean deflate() {
        return deflate;
    }

    List<String> subprotocols() {
        return subprotocols;
    }

    List<Header> headers() {
        return List.copyOf(headers);
    }

    SSLSocketFactory sslSocketFactory() {
        return sslSocketFactory != null ? sslSocketFactory : (SSLSocketFactory) SSLSocketFactory.getDefault();
    }

    boolean verifiesCertificates() {
        return verifyCertificates;
    }

    Duration connectTimeout() {
        return connectTimeout;
    }

    Duration handshakeTimeout() {
        return handshakeTimeout;
    }

    Duration readTimeout() {
        return readTimeout;
    }

    Duration closeTimeout() {
        return closeTimeout;
    }

    boolean autoPong() {
        return autoPong;
    }

    RandomGenerator random() {
        return random;
    }

    private static SSLSocketFactory trustingEverything() {
        TrustManager trustAll = new X509TrustManager() {
            @Override
            public void checkClientTrusted(X509Certificate[] chain, String authType) {
            }

            @Override
            public void checkServerTrusted(X509Certificate[] chain, String authType) {
            }

            @Override
            public X509Certificate[] getAcceptedIssuers() {
                return new X509Certificate[0];
            }
        };
        try {
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, new TrustManager[] {trustAll}, new SecureRandom());
            return context.getSocketFactory();
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException("TLS is not available", e);
        }
    }
}
