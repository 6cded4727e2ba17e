package org.schsm.hsm.dkek;

import java.math.BigInteger;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.schsm.InvalidInputException;
import org.schsm.Secret;

/**
 * The n-of-m password scheme of {@code sc-hsm-tool --pwd-shares-threshold t --pwd-shares-total n}
 * (keys.md §5.2): the share file's password is an 8-byte random secret below 2^63, split with
 * Shamir's scheme over the integers modulo a 64-bit safe prime; custodian i gets (x = i,
 * y = f(i) mod prime) and everyone gets the prime. Any t custodians rebuild the secret by
 * Lagrange interpolation at 0.
 */
public final class PasswordShares {
    private static final int SECRET_BYTES = 8;
    private static final int PRIME_BITS = 64;
    private static final int SEED_BYTES = 16;
    private static final int CERTAINTY = 100;

    /** One custodian's part: the share id (x) and the share value (y). */
    public record Share(int id, BigInteger value) {
        @Override
        public String toString() {
            return "Share[id=" + id + "]";
        }
    }

    /**
     * A generated password and its shares.
     *
     * @param password the share file's password bytes; the caller clears them
     */
    public record Split(byte[] password, BigInteger prime, List<Share> shares) {
        @Override
        public String toString() {
            return "Split[" + shares.size() + " shares]";
        }
    }

    private PasswordShares() {
    }

    /**
     * A new password split into {@code total} shares of which {@code threshold} rebuild it. Like
     * sc-hsm-tool, the password comes from 8 bytes of {@code random} (the card) with the top bit
     * cleared, and a 16-byte seed from {@code random} is mixed into the generator of the prime
     * and the polynomial. A password whose first byte is 00 is drawn again, because sc-hsm-tool
     * would rebuild it as 7 bytes and fail.
     */
    public static Split split(int threshold, int total, RandomSource random) {
        if (total < 3 || total > 255) {
            throw new InvalidInputException("the number of password shares must be 3..255 (sc-hsm-tool needs at least 3), not "
                    + total);
        }
        if (threshold < 2 || threshold > total) {
            throw new InvalidInputException("the threshold must be 2.." + total + ", not " + threshold);
        }
        byte[] password;
        do {
            password = random.bytes(SECRET_BYTES);
            password[0] &= 0x7F;
        } while (password[0] == 0);
        BigInteger secret = new BigInteger(1, password);
        SecureRandom rng = seeded(random.bytes(SEED_BYTES));
        BigInteger prime = safePrime(rng);
        List<BigInteger> coefficients = new ArrayList<>();
        coefficients.add(secret);
        for (int i = 1; i < threshold; i++) {
            BigInteger c;
            do {
                c = new BigInteger(PRIME_BITS, rng);
            } while (c.signum() == 0 || c.compareTo(prime) >= 0);
            coefficients.add(c);
        }
        List<Share> shares = new ArrayList<>();
        for (int x = 1; x <= total; x++) {
            BigInteger y = BigInteger.ZERO;
            BigInteger bx = BigInteger.valueOf(x);
            for (int k = coefficients.size() - 1; k >= 0; k--) {
                y = y.multiply(bx).add(coefficients.get(k)).mod(prime);
            }
            shares.add(new Share(x, y));
        }
        return new Split(password, prime, List.copyOf(shares));
    }

    /**
     * Rebuilds the password from shares: {@code BN_bn2bin} of the secret, as sc-hsm-tool does
     * (so a secret with a leading zero byte gives 7 bytes).
     */
    public static byte[] combine(BigInteger prime, List<Share> shares) {
        if (shares.size() < 2) {
            throw new InvalidInputException("at least 2 password shares are needed");
        }
        Set<Integer> ids = new HashSet<>();
        for (Share s : shares) {
            if (!ids.add(s.id())) {
                throw new InvalidInputException("password share id " + s.id() + " is given twice");
            }
        }
        BigInteger secret = BigInteger.ZERO;
        for (Share i : shares) {
            BigInteger num = BigInteger.ONE;
            BigInteger den = BigInteger.ONE;
            BigInteger xi = BigInteger.valueOf(i.id());
            for (Share j : shares) {
                if (j != i) {
                    BigInteger xj = BigInteger.valueOf(j.id());
                    num = num.multiply(xj.negate()).mod(prime);
                    den = den.multiply(xi.subtract(xj)).mod(prime);
                }
            }
            BigInteger term = i.value().multiply(num).multiply(den.modInverse(prime)).mod(prime);
            secret = secret.add(term).mod(prime);
        }
        byte[] raw = secret.toByteArray();
        int skip = 0;
        while (skip < raw.length - 1 && raw[skip] == 0) {
            skip++;
        }
        byte[] out = Arrays.copyOfRange(raw, skip, raw.length);
        Arrays.fill(raw, (byte) 0);
        return out;
    }

    /** The 8-byte form of a rebuilt password (what sc-hsm-recrypt uses when the first byte is 00). */
    public static byte[] padded(@Secret byte[] password) {
        byte[] out = new byte[SECRET_BYTES];
        System.arraycopy(password, 0, out, SECRET_BYTES - password.length, password.length);
        return out;
    }

    /** {@code 00:A1:...}: how sc-hsm-tool prints the prime and share values (minimal bytes, colon-separated). */
    public static String formatHex(BigInteger value) {
        byte[] raw = value.toByteArray();
        int skip = raw.length > 1 && raw[0] == 0 ? 1 : 0;
        StringBuilder sb = new StringBuilder();
        for (int i = skip; i < raw.length; i++) {
            if (sb.length() > 0) {
                sb.append(':');
            }
            sb.append(String.format(Locale.ROOT, "%02X", raw[i] & 0xFF));
        }
        return sb.toString();
    }

    /** Reads a hex value as sc-hsm-tool accepts it: digits with optional {@code :} or spaces between bytes. */
    public static BigInteger parseHex(String text) {
        String digits = text.replaceAll("[:\\s]", "");
        if (digits.isEmpty() || !digits.matches("[0-9A-Fa-f]+")) {
            throw new InvalidInputException("expected hexadecimal bytes such as 00:A1:B2, got something else");
        }
        return new BigInteger(digits, 16);
    }

    private static SecureRandom seeded(byte[] seed) {
        SecureRandom rng;
        try {
            rng = SecureRandom.getInstance("DRBG");
        } catch (NoSuchAlgorithmException e) {
            rng = new SecureRandom();
        }
        // Supplements, never replaces, the generator's own entropy (like OpenSSL's RAND_seed).
        rng.setSeed(seed);
        Arrays.fill(seed, (byte) 0);
        return rng;
    }

    /** A 64-bit safe prime p = 2q + 1 (sc-hsm-tool asks OpenSSL for a safe prime of 64 bits). */
    private static BigInteger safePrime(SecureRandom rng) {
        while (true) {
            BigInteger q = BigInteger.probablePrime(PRIME_BITS - 1, rng);
            BigInteger p = q.shiftLeft(1).add(BigInteger.ONE);
            if (p.bitLength() == PRIME_BITS && p.isProbablePrime(CERTAINTY)) {
                return p;
            }
        }
    }
}
