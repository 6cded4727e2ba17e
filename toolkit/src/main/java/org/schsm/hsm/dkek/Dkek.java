package org.schsm.hsm.dkek;

import java.util.List;
import org.schsm.Secret;

/**
 * The device key encryption key: the XOR of all shares imported into the card (keys.md §4.1).
 * Wrapped keys are encrypted with a key derived from it and MACed with another (§6.2).
 */
public final class Dkek extends DkekSecret {
    private static final byte[] KENC_COUNTER = {0, 0, 0, 1};
    private static final byte[] KMAC_COUNTER = {0, 0, 0, 2};

    public Dkek(@Secret byte[] value) {
        super(value);
    }

    /** The DKEK a card holds after importing {@code shares}: 32 zero bytes XOR each share. */
    public static Dkek combine(List<DkekShare> shares) {
        if (shares.isEmpty()) {
            throw new IllegalArgumentException("a DKEK needs at least one share");
        }
        byte[] acc = new byte[LENGTH];
        try {
            for (DkekShare share : shares) {
                byte[] v = share.value();
                for (int i = 0; i < LENGTH; i++) {
                    acc[i] ^= v[i];
                }
            }
            return new Dkek(acc);
        } finally {
            java.util.Arrays.fill(acc, (byte) 0);
        }
    }

    /** Kenc = SHA-256(DKEK || 00000001), the AES-256 key of a key blob's ciphertext. */
    byte[] encryptionKey() {
        return sha256(value(), KENC_COUNTER);
    }

    /** Kmac = SHA-256(DKEK || 00000002), the AES-256 key of a key blob's CMAC. */
    byte[] macKey() {
        return sha256(value(), KMAC_COUNTER);
    }

    /**
     * A new set of {@code count} shares that combine to this DKEK (same KCV): {@code count - 1}
     * random shares from {@code random}, and the last one this DKEK XOR all of them.
     */
    public List<DkekShare> reshare(int count, RandomSource random) {
        if (count < 1 || count > 255) {
            throw new IllegalArgumentException("share count must be 1..255, not " + count);
        }
        byte[] last = value().clone();
        java.util.List<DkekShare> out = new java.util.ArrayList<>();
        try {
            for (int n = 1; n < count; n++) {
                byte[] r = random.bytes(LENGTH);
                try {
                    for (int i = 0; i < LENGTH; i++) {
                        last[i] ^= r[i];
                    }
                    out.add(new DkekShare(r));
                } finally {
                    java.util.Arrays.fill(r, (byte) 0);
                }
            }
            out.add(new DkekShare(last));
            return List.copyOf(out);
        } finally {
            java.util.Arrays.fill(last, (byte) 0);
        }
    }
}
