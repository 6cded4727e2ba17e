package org.schsm.hsm.dkek;

import java.security.DigestException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;

/**
 * OpenSSL's {@code EVP_BytesToKey} with MD5, the derivation sc-hsm-tool uses for share files
 * (keys.md §5.1): D1 = MD5^n(password || salt), Di = MD5^n(D(i-1) || password || salt), where
 * MD5^n hashes once and then n-1 more times its own 16-byte output; key || IV are the first
 * 32 + 16 bytes of D1 || D2 || D3.
 */
final class OpenSslKeyDerivation {
    /** sc-hsm-tool's fixed iteration count; it has no option to change it. */
    static final int SC_HSM_TOOL_ROUNDS = 10_000_000;
    private static final int MD5_SIZE = 16;
    private static final int REPORTS_PER_BLOCK = 100;

    private OpenSslKeyDerivation() {
    }

    /** 48 bytes: the AES-256 key followed by the IV. The caller clears the result. */
    static byte[] keyAndIv(byte[] password, byte[] salt, int rounds, KdfProgress progress) {
        MessageDigest md5;
        try {
            md5 = MessageDigest.getInstance("MD5");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK always has MD5", e);
        }
        byte[] out = new byte[3 * MD5_SIZE];
        byte[] block = new byte[MD5_SIZE];
        long total = 3L * rounds;
        long step = Math.max(1, rounds / REPORTS_PER_BLOCK);
        try {
            for (int i = 0; i < 3; i++) {
                if (i > 0) {
                    md5.update(block);
                }
                md5.update(password);
                md5.update(salt);
                md5.digest(block, 0, MD5_SIZE);
                for (int r = 1; r < rounds; r++) {
                    md5.update(block);
                    md5.digest(block, 0, MD5_SIZE);
                    if (r % step == 0) {
                        progress.progress((long) i * rounds + r, total);
                    }
                }
                System.arraycopy(block, 0, out, i * MD5_SIZE, MD5_SIZE);
            }
        } catch (DigestException e) {
            throw new IllegalStateException("MD5 output buffer", e);
        } finally {
            Arrays.fill(block, (byte) 0);
        }
        progress.progress(total, total);
        return out;
    }
}
