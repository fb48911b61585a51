package io.wsproto.frame;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/** The keystream mask keys: no repeats, balanced bits, a fresh key after the rekey point, a stream per thread. */
class SecureMaskKeysTest {
    @Test
    void keysDoNotRepeatAndTheirBitsAreBalancedAcrossARekey() {
        long keysPastRekey = SecureMaskKeys.REKEY_AFTER / Long.BYTES + 100_000;
        Set<Long> lastWindow = new HashSet<>();
        long ones = 0;
        for (long i = 0; i < keysPastRekey; i++) {
            long key = SecureMaskKeys.INSTANCE.nextLong();
            ones += Long.bitCount(key);
            if (i >= keysPastRekey - 200_000) {
                assertTrue(lastWindow.add(key), "a 64-bit key repeated within 200,000 draws across the rekey");
            }
        }
        double meanOnes = (double) ones / keysPastRekey;
        assertEquals(32.0, meanOnes, 0.05, "bits are balanced");
    }

    @Test
    void eachThreadHasItsOwnStream() throws Exception {
        long[] here = new long[64];
        for (int i = 0; i < here.length; i++) {
            here[i] = SecureMaskKeys.INSTANCE.nextLong();
        }
        long[] there = CompletableFuture.supplyAsync(() -> {
            long[] keys = new long[64];
            for (int i = 0; i < keys.length; i++) {
                keys[i] = SecureMaskKeys.INSTANCE.nextLong();
            }
            return keys;
        }).get();
        Set<Long> all = new HashSet<>();
        for (int i = 0; i < 64; i++) {
            all.add(here[i]);
            all.add(there[i]);
        }
        assertEquals(128, all.size(), "two threads never draw the same keys");
    }
}
