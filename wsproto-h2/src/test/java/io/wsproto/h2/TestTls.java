package io.wsproto.h2;

import io.netty.pkitesting.CertificateBuilder;
import io.netty.pkitesting.X509Bundle;
import java.time.Duration;
import java.time.Instant;

/**
 * Self-signed identities for tests, made with Netty's certificate builder (netty-pkitesting): an EC P-256
 * key and a certificate valid for a day for localhost, 127.0.0.1 and ::1. Public for interop-tests.
 */
public final class TestTls {
    private TestTls() {
    }

    /** A fresh self-signed identity for this machine. */
    public static Tls.Identity selfSigned() {
        try {
            Instant now = Instant.now();
            X509Bundle bundle = new CertificateBuilder().subject("CN=localhost").ecp256().setIsCertificateAuthority(true)
                    .notBefore(now.minus(Duration.ofHours(1))).notAfter(now.plus(Duration.ofDays(1)))
                    .addSanDnsName("localhost").addSanIpAddress("127.0.0.1").addSanIpAddress("::1")
                    .buildSelfSigned();
            return new Tls.Identity(bundle.getKeyPair().getPrivate(), bundle.getCertificate());
        } catch (Exception e) {
            throw new IllegalStateException("could not make a self-signed certificate", e);
        }
    }
}
