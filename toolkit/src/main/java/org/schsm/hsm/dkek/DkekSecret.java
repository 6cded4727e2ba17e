package org.schsm.hsm.dkek;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import org.schsm.apdu.Hex;

/**
 * 32 secret bytes, a DKEK or one of its shares. The bytes stay inside: {@link #toString()} shows
 * only the key check value, {@link #close()} overwrites them.
 */
public abstract sealed class DkekSecret implements AutoCloseable permits Dkek, DkekShare {
    /** A DKEK and each share are 32 bytes (an AES-256 key). */
    public static final int LENGTH = 32;

    private final byte[] value;
    private boolean closed;

    DkekSecret(byte[] value) {
        if (value.length != LENGTH) {
            throw new IllegalArgumentException("a DKEK share is " + LENGTH + " bytes, not " + value.length);
        }
        this.value = value.clone();
    }

    /** The bytes themselves, for the few classes that compute with them. Never shown. */
    final byte[] value() {
        if (closed) {
            throw new IllegalStateException("DKEK material was already cleared");
        }
        return value;
    }

    /** Key check value: the first 8 bytes of SHA-256 of the 32 bytes (keys.md §4.1). */
    public final byte[] kcv() {
        return Arrays.copyOf(sha256(value()), 8);
    }

    /** The KCV as 16 hex digits, as sc-hsm-tool prints it. */
    public final String kcvHex() {
        return Hex.encode(kcv());
    }

    @Override
    public final void close() {
        Arrays.fill(value, (byte) 0);
        closed = true;
    }

    @Override
    public final String toString() {
        return getClass().getSimpleName() + (closed ? "[cleared]" : "[KCV " + kcvHex() + "]");
    }

    static byte[] sha256(byte[]... parts) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            for (byte[] p : parts) {
                sha.update(p);
            }
            return sha.digest();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK always has SHA-256", e);
        }
    }
}
