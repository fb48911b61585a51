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

/**
 * One identity for every TLS peer in a test run, in the forms each peer wants: a certificate for localhost
 * issued by a throwaway authority. JVM peers trust the certificate itself; OpenSSL peers (Python, Node) get
 * the certificate followed by the authority, to serve as a chain or to trust; browsers trust the authority.
 */
public final class PeerTls {
    public static final String PASSWORD = "wsproto";
    private static final TestTls.Chain CHAIN = TestTls.chain();
    public static final Tls.Identity IDENTITY = CHAIN.identity();

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
    public static SSLContext trustingContext() {
        return TestTls.context(null, IDENTITY.certificate());
    }

    /**
     * PEM files for peers outside the JVM; returns {certificate chain, key, authority}. The chain file holds
     * the certificate then the authority: a server sends both, a client that trusts the file trusts both.
     */
    public static Path[] pemFiles(Path dir) throws IOException, GeneralSecurityException {
        Path cert = dir.resolve("cert.pem");
        Path key = dir.resolve("key.pem");
        Path authority = dir.resolve("ca.pem");
        Files.writeString(cert, pem("CERTIFICATE", IDENTITY.certificate().getEncoded()) + pem("CERTIFICATE", CHAIN.authority().getEncoded()));
        Files.writeString(key, pem("PRIVATE KEY", IDENTITY.key().getEncoded()));
        Files.writeString(authority, pem("CERTIFICATE", CHAIN.authority().getEncoded()));
        return new Path[] {cert, key, authority};
    }

    private static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(der) + "\n-----END " + type + "-----\n";
    }
}
