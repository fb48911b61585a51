package io.wsproto.h2;

import io.netty.handler.ssl.ApplicationProtocolConfig;
import io.netty.handler.ssl.ApplicationProtocolNames;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslProvider;
import io.netty.handler.ssl.util.InsecureTrustManagerFactory;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.security.KeyStore;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLException;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.jsse.provider.BouncyCastleJsseProvider;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * TLS for WebSockets over HTTP/2 and HTTP/1.1 on one port: contexts offering ALPN {@code h2} and
 * {@code http/1.1} on the JDK's provider or on BouncyCastle's JSSE provider (bctls), and self-signed
 * certificates for tests and demos made with BouncyCastle (bcpkix).
 */
public final class Tls {
    /** Which JSSE implementation runs the handshake. */
    public enum Provider {
        JDK, BOUNCY_CASTLE
    }

    /** A key and a self-signed certificate for it. */
    public record Identity(PrivateKey key, X509Certificate certificate) {
    }

    private Tls() {
    }

    /**
     * A self-signed EC P-256 certificate valid for a day, for {@code localhost}, 127.0.0.1 and ::1 plus
     * the given DNS names.
     */
    public static Identity selfSigned(String... dnsNames) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"), new SecureRandom());
            KeyPair pair = generator.generateKeyPair();
            X500Name subject = new X500Name("CN=localhost");
            Instant now = Instant.now();
            X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(subject,
                    new BigInteger(64, new SecureRandom()), Date.from(now.minus(Duration.ofHours(1))),
                    Date.from(now.plus(Duration.ofDays(1))), subject, pair.getPublic());
            List<GeneralName> names = new ArrayList<>();
            names.add(new GeneralName(GeneralName.dNSName, "localhost"));
            for (String name : dnsNames) {
                names.add(new GeneralName(GeneralName.dNSName, name));
            }
            names.add(new GeneralName(GeneralName.iPAddress, "127.0.0.1"));
            names.add(new GeneralName(GeneralName.iPAddress, "::1"));
            builder.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(names.toArray(GeneralName[]::new)));
            builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
            ContentSigner signer = new JcaContentSignerBuilder("SHA256withECDSA").build(pair.getPrivate());
            X509Certificate certificate = new JcaX509CertificateConverter().getCertificate(builder.build(signer));
            return new Identity(pair.getPrivate(), certificate);
        } catch (GeneralSecurityException | org.bouncycastle.operator.OperatorCreationException
                 | org.bouncycastle.cert.CertIOException e) {
            throw new IllegalStateException("could not make a self-signed certificate", e);
        }
    }

    /** A server context offering ALPN h2 then http/1.1. */
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
        } catch (GeneralSecurityException | java.io.IOException e) {
            throw new IllegalStateException("could not build a server TLS context", e);
        }
    }

    /** BCJSSE picks server credentials through its own PKIX key manager. */
    private static KeyManagerFactory keyManagers(Identity identity, java.security.Provider jsse)
            throws GeneralSecurityException, java.io.IOException {
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
     * @param trusted the certificate to trust, or null for the JDK's default trust store
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

    /** The JSSE provider; BouncyCastle's runs on BouncyCastle's own crypto, without touching the JVM's provider list. */
    private static java.security.Provider jsse(Provider provider) {
        return provider == Provider.BOUNCY_CASTLE ? new BouncyCastleJsseProvider(new BouncyCastleProvider()) : null;
    }

    private static ApplicationProtocolConfig alpn(String... protocols) {
        return new ApplicationProtocolConfig(ApplicationProtocolConfig.Protocol.ALPN,
                ApplicationProtocolConfig.SelectorFailureBehavior.NO_ADVERTISE,
                ApplicationProtocolConfig.SelectedListenerFailureBehavior.ACCEPT, protocols);
    }
}
