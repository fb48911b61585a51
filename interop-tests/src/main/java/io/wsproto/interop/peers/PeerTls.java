package io.wsproto.interop.peers;

import io.wsproto.h2.TestTls;
import io.wsproto.h2.Tls;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.util.Base64;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/** One self-signed identity for every TLS peer in a test run, in the forms each peer wants. */
public final class PeerTls {
    public static final String PASSWORD = "wsproto";
    public static final Tls.Identity IDENTITY = TestTls.selfSigned();

    private PeerTls() {
    }

    /** A PKCS#12 key store holding the identity, for Jetty. */
    public static KeyStore keyStore() throws GeneralSecurityException, IOException {
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        store.setKeyEntry("server", IDENTITY.key(), PASSWORD.toCharArray(), new Certificate[] {IDENTITY.certificate()});
        return store;
    }

    /** A TLS context that trusts exactly the shared identity, so clients verify it as they would a real certificate. */
    public static SSLContext trustingContext() throws GeneralSecurityException, IOException {
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        trust.setCertificateEntry("server", IDENTITY.certificate());
        TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        factory.init(trust);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, factory.getTrustManagers(), null);
        return context;
    }

    /** PEM files of the certificate and key, for Python peers; returns {certificate, key}. */
    public static Path[] pemFiles(Path dir) throws IOException, GeneralSecurityException {
        Base64.Encoder base64 = Base64.getMimeEncoder(64, "\n".getBytes());
        Path cert = dir.resolve("cert.pem");
        Path key = dir.resolve("key.pem");
        Files.writeString(cert, "-----BEGIN CERTIFICATE-----\n" + base64.encodeToString(IDENTITY.certificate().getEncoded())
                + "\n-----END CERTIFICATE-----\n");
        Files.writeString(key, "-----BEGIN PRIVATE KEY-----\n" + base64.encodeToString(IDENTITY.key().getEncoded())
                + "\n-----END PRIVATE KEY-----\n");
        return new Path[] {cert, key};
    }
}
