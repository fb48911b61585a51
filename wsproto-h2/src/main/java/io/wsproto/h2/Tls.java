package io.wsproto.h2;

import io.netty.handler.ssl.ApplicationProtocolConfig;
import io.netty.handler.ssl.ApplicationProtocolNames;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslProvider;
import io.netty.handler.ssl.util.InsecureTrustManagerFactory;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLException;

/**
 * TLS for WebSockets over HTTP/2 and HTTP/1.1 on one port: contexts offering ALPN {@code h2} and
 * {@code http/1.1} on the JDK's provider, or on BouncyCastle's JSSE provider when {@code bctls-jdk18on} and
 * {@code bcprov-jdk18on} are on the class path (they are optional dependencies: the JDK provider needs
 * neither).
 */
public final class Tls {
    /** Which JSSE implementation runs the handshake. */
    public enum Provider {
        /** The JDK's own JSSE. */
        JDK,
        /** BouncyCastle's JSSE (BCJSSE) on BouncyCastle's crypto; needs bctls and bcprov on the class path. */
        BOUNCY_CASTLE
    }

    /**
     * A server's private key and its certificate.
     *
     * @param key the private key
     * @param certificate the certificate of its public key
     */
    public record Identity(PrivateKey key, X509Certificate certificate) {
        /**
         * The key and certificate stored under {@code alias} in a PKCS#12 (or JKS) key store file, as
         * {@code keytool} or {@code openssl pkcs12 -export} make them.
         *
         * @param file the key store
         * @param password its password, which also protects the key
         * @param alias the entry's alias
         * @return the identity
         * @throws IOException when the file cannot be read
         * @throws GeneralSecurityException when it holds no key and certificate under that alias
         */
        public static Identity fromKeyStore(Path file, char[] password, String alias) throws IOException, GeneralSecurityException {
            KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
            try (InputStream in = Files.newInputStream(file)) {
                store.load(in, password);
            }
            if (!(store.getKey(alias, password) instanceof PrivateKey key)
                    || !(store.getCertificate(alias) instanceof X509Certificate certificate)) {
                throw new GeneralSecurityException(file + " has no private key and X.509 certificate under the alias \"" + alias + "\"");
            }
            return new Identity(key, certificate);
        }
    }

    private Tls() {
    }

    /**
     * A server context offering ALPN h2 then http/1.1.
     *
     * @param identity the server's key and certificate
     * @param provider which JSSE runs the handshakes
     * @return the context, for {@link WebSocketServer.Builder#tls}
     */
    public static SslContext server(Identity identity, Provider provider) {
        try {
            java.security.Provider jsse = jsse(provider);
            SslContextBuilder builder = jsse == null
                    ? SslContextBuilder.forServer(identity.key(), identity.certificate())
                    : SslContextBuilder.forServer(keyManagers(identity, jsse));
            return builder.sslProvider(SslProvider.JDK)
                    .sslContextProvider(jsse)
                    .applicationProtocolConfig(alpn(ApplicationProtocolNames.HTTP_2, ApplicationProtocolNames.HTTP_1_1))
                    .build();
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException("could not build a server TLS context", e);
        }
    }

    /** BCJSSE picks server credentials through its own PKIX key manager. */
    private static KeyManagerFactory keyManagers(Identity identity, java.security.Provider jsse)
            throws GeneralSecurityException, IOException {
        char[] password = new char[0];
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        store.setKeyEntry("server", identity.key(), password, new java.security.cert.Certificate[] {identity.certificate()});
        KeyManagerFactory factory = KeyManagerFactory.getInstance("PKIX", jsse);
        factory.init(store, password);
        return factory;
    }

    /**
     * A client context offering the given ALPN protocols that verifies the server's certificate and host
     * name (HTTPS rules).
     *
     * @param provider which JSSE runs the handshakes
     * @param trusted the certificate to trust, or null for the JDK's default trust store
     * @param alpnProtocols the protocols to offer, e.g. {@code h2}
     * @return the context
     */
    public static SslContext client(Provider provider, X509Certificate trusted, String... alpnProtocols) {
        SslContextBuilder builder = clientBuilder(provider, alpnProtocols).endpointIdentificationAlgorithm("HTTPS");
        if (trusted != null) {
            builder.trustManager(trusted);
        }
        return build(builder);
    }

    /**
     * A client context that trusts every certificate and skips the host name check: only for tests against
     * a server with a self-signed certificate on this machine.
     *
     * @param provider which JSSE runs the handshakes
     * @param alpnProtocols the protocols to offer, e.g. {@code h2}
     * @return the context
     */
    public static SslContext insecureClient(Provider provider, String... alpnProtocols) {
        return build(clientBuilder(provider, alpnProtocols).trustManager(InsecureTrustManagerFactory.INSTANCE)
                .endpointIdentificationAlgorithm(null));
    }

    private static SslContextBuilder clientBuilder(Provider provider, String... alpnProtocols) {
        return SslContextBuilder.forClient()
                .sslProvider(SslProvider.JDK)
                .sslContextProvider(jsse(provider))
                .applicationProtocolConfig(alpn(alpnProtocols));
    }

    private static SslContext build(SslContextBuilder builder) {
        try {
            return builder.build();
        } catch (SSLException e) {
            throw new IllegalStateException("could not build a client TLS context", e);
        }
    }

    /** The JSSE provider: null for the JDK's, else BouncyCastle's, loaded only when asked for. */
    private static java.security.Provider jsse(Provider provider) {
        if (provider != Provider.BOUNCY_CASTLE) {
            return null;
        }
        try {
            return BouncyCastleJsse.provider();
        } catch (NoClassDefFoundError absent) {
            throw new IllegalStateException("Tls.Provider.BOUNCY_CASTLE needs BouncyCastle on the class path: "
                    + "org.bouncycastle:bctls-jdk18on and org.bouncycastle:bcprov-jdk18on (missing: " + absent.getMessage() + ")", absent);
        }
    }

    /** The only class that names BouncyCastle: it loads when BCJSSE is asked for, and not before. */
    private static final class BouncyCastleJsse {
        /** BCJSSE on BouncyCastle's own crypto, without touching the JVM's provider list. */
        static java.security.Provider provider() {
            return new org.bouncycastle.jsse.provider.BouncyCastleJsseProvider(new org.bouncycastle.jce.provider.BouncyCastleProvider());
        }
    }

    private static ApplicationProtocolConfig alpn(String... protocols) {
        return new ApplicationProtocolConfig(ApplicationProtocolConfig.Protocol.ALPN,
                ApplicationProtocolConfig.SelectorFailureBehavior.NO_ADVERTISE,
                ApplicationProtocolConfig.SelectedListenerFailureBehavior.ACCEPT, protocols);
    }
}
