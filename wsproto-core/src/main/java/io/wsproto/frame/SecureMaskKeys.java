package io.wsproto.frame;

import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.random.RandomGenerator;
import javax.crypto.Cipher;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Mask keys that an attacker cannot predict (RFC 6455 §5.3, §10.3), cheap enough to draw one per frame.
 *
 * <p>Each thread runs AES-128 in counter mode under a key and counter drawn from {@link SecureRandom}: the
 * keystream of a block cipher under a secret random key is a cryptographically secure generator (the core of
 * NIST SP 800-90A's CTR_DRBG), and every {@link #REKEY_AFTER} bytes the thread takes a fresh key from
 * {@code SecureRandom}. Drawing from {@code SecureRandom} itself (NativePRNG mixes SHA-1 into every call)
 * cost about 70 ns per key, most of a small frame's encoding; the keystream costs about 1 ns, on the AES
 * instructions of the CPU. No connection holds any of it.
 */
public final class SecureMaskKeys implements RandomGenerator {
    /** The one source every connection shares. */
    public static final SecureMaskKeys INSTANCE = new SecureMaskKeys();
    /** Keystream bytes made per call of the cipher: 128 keys. */
    private static final int BATCH = 1024;
    /** A fresh AES key from SecureRandom after this many keystream bytes (2^20 mask keys). */
    static final long REKEY_AFTER = 8L << 20;
    private static final SecureRandom SEED = new SecureRandom();
    private static final ThreadLocal<Keystream> STREAMS = ThreadLocal.withInitial(Keystream::new);

    private SecureMaskKeys() {
    }

    @Override
    public long nextLong() {
        return STREAMS.get().nextLong();
    }

    /** One thread's AES-CTR keystream. */
    private static final class Keystream {
        private final byte[] zeros = new byte[BATCH];
        private final ByteBuffer out = ByteBuffer.allocate(BATCH).position(BATCH);
        private Cipher cipher;
        private long sinceRekey;

        long nextLong() {
            if (out.remaining() < Long.BYTES) {
                refill();
            }
            return out.getLong();
        }

        private void refill() {
            try {
                if (cipher == null || sinceRekey >= REKEY_AFTER) {
                    byte[] key = new byte[16];
                    byte[] counter = new byte[16];
                    SEED.nextBytes(key);
                    SEED.nextBytes(counter);
                    cipher = Cipher.getInstance("AES/CTR/NoPadding");
                    cipher.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(key, "AES"), new IvParameterSpec(counter));
                    sinceRekey = 0;
                }
                cipher.update(zeros, 0, BATCH, out.array(), 0);
                sinceRekey += BATCH;
                out.clear();
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("AES/CTR/NoPadding is required of every Java platform", e);
            }
        }
    }
}
