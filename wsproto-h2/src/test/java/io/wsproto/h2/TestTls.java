package io.wsproto.h2;

import io.netty.pkitesting.CertificateBuilder;
import io.netty.pkitesting.X509Bundle;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;

/**
 * Throwaway identities for tests, made with Netty's certificate builder (netty-pkitesting): an EC P-256
 * key and a certificate valid for a day for localhost, 127.0.0.1 and ::1, issued by a throwaway authority
 * made with it. The certificate is an end-entity certificate, as browsers insist (Firefox refuses a CA
 * certificate as a server's); JSSE and OpenSSL clients may trust it directly, browsers and OpenSSL chains
 * trust the authority. Public for interop-tests.
 */
public final class TestTls {
    /** An identity and the authority that issued it. */
    public record Chain(Tls.Identity identity, X509Certificate authority) {
    }

    private TestTls() {
    }

    /** A fresh identity for localhost; trust its certificate (JSSE) or {@link #chain()}'s authority. */
    public static Tls.Identity localhost() {
        return chain().identity();
    }

    /** A JSSE context that trusts exactly {@code certificate} (and presents {@code own}, when not null, as a client). */
    public static javax.net.ssl.SSLContext context(Tls.Identity own, X509Certificate certificate) {
        try {
            java.security.KeyStore trust = java.security.KeyStore.getInstance("PKCS12");
            trust.load(null, null);
            trust.setCertificateEntry("trusted", certificate);
            javax.net.ssl.TrustManagerFactory tmf = javax.net.ssl.TrustManagerFactory.getInstance(javax.net.ssl.TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(trust);
            javax.net.ssl.KeyManager[] keys = null;
            if (own != null) {
                java.security.KeyStore store = java.security.KeyStore.getInstance("PKCS12");
                store.load(null, null);
                store.setKeyEntry("own", own.key(), new char[0], new java.security.cert.Certificate[] {own.certificate()});
                javax.net.ssl.KeyManagerFactory kmf = javax.net.ssl.KeyManagerFactory.getInstance(javax.net.ssl.KeyManagerFactory.getDefaultAlgorithm());
                kmf.init(store, new char[0]);
                keys = kmf.getKeyManagers();
            }
            javax.net.ssl.SSLContext context = javax.net.ssl.SSLContext.getInstance("TLS");
            context.init(keys, tmf.getTrustManagers(), null);
            return context;
        } catch (Exception e) {
            throw new IllegalStateException("could not make a TLS context", e);
        }
    }

    /** A fresh identity for localhost and the authority that issued it. */
    public static Chain chain() {
        try {
            Instant now = Instant.now();
            X509Bundle authority = new CertificateBuilder().subject("CN=wsproto test authority").ecp256().setIsCertificateAuthority(true)
                    .notBefore(now.minus(Duration.ofHours(1))).notAfter(now.plus(Duration.ofDays(1))).buildSelfSigned();
            X509Bundle leaf = new CertificateBuilder().subject("CN=localhost").ecp256().setIsCertificateAuthority(false)
                    .notBefore(now.minus(Duration.ofHours(1))).notAfter(now.plus(Duration.ofDays(1)))
                    .addSanDnsName("localhost").addSanIpAddress("127.0.0.1").addSanIpAddress("::1")
                    .buildIssuedBy(authority);
            return new Chain(new Tls.Identity(leaf.getKeyPair().getPrivate(), leaf.getCertificate()), authority.getCertificate());
        } catch (Exception e) {
            throw new IllegalStateException("could not make a test certificate", e);
        }
    }
}
