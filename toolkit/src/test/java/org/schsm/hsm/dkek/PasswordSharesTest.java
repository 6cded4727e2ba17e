package org.schsm.hsm.dkek;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.schsm.InvalidInputException;

class PasswordSharesTest {
    /** A deterministic stand-in for GET CHALLENGE. */
    static RandomSource fakeCard(long seed) {
        Random r = new Random(seed);
        return n -> {
            byte[] b = new byte[n];
            r.nextBytes(b);
            return b;
        };
    }

    @Test
    void anyThresholdOfSharesRebuildsThePassword() {
        PasswordShares.Split split = PasswordShares.split(3, 5, fakeCard(42));
        byte[] password = split.password();
        assertEquals(8, password.length);
        assertEquals(0, password[0] & 0x80, "top bit cleared: a 63-bit secret");
        assertEquals(64, split.prime().bitLength());
        assertTrue(split.prime().isProbablePrime(64));
        assertTrue(split.prime().shiftRight(1).isProbablePrime(64), "safe prime, as sc-hsm-tool asks OpenSSL for");
        List<PasswordShares.Share> s = split.shares();
        assertEquals(List.of(1, 2, 3, 4, 5), s.stream().map(PasswordShares.Share::id).toList());
        assertArrayEquals(password, PasswordShares.combine(split.prime(), List.of(s.get(0), s.get(2), s.get(4))));
        assertArrayEquals(password, PasswordShares.combine(split.prime(), List.of(s.get(3), s.get(1), s.get(0))));
        assertArrayEquals(password, PasswordShares.combine(split.prime(), s));
        assertFalse(java.util.Arrays.equals(password, PasswordShares.combine(split.prime(), List.of(s.get(0), s.get(1)))));
    }

    @Test
    void limitsAreThoseOfScHsmTool() {
        assertThrows(InvalidInputException.class, () -> PasswordShares.split(2, 2, fakeCard(1)));
        assertThrows(InvalidInputException.class, () -> PasswordShares.split(1, 3, fakeCard(1)));
        assertThrows(InvalidInputException.class, () -> PasswordShares.split(4, 3, fakeCard(1)));
        PasswordShares.Share one = new PasswordShares.Share(1, BigInteger.TEN);
        assertThrows(InvalidInputException.class,
                () -> PasswordShares.combine(BigInteger.valueOf(23), List.of(one, one)));
    }

    @Test
    void hexIsPrintedAndReadAsScHsmToolDoes() {
        BigInteger v = new BigInteger("00A1B2C3", 16);
        assertEquals("A1:B2:C3", PasswordShares.formatHex(v));
        assertEquals(v, PasswordShares.parseHex("A1:B2:C3"));
        assertEquals(v, PasswordShares.parseHex("a1b2c3\n"));
        assertThrows(InvalidInputException.class, () -> PasswordShares.parseHex("zz"));
    }

    @Test
    void rebuiltSecretWithLeadingZeroByteIsSevenBytesLikeBnBn2bin() {
        BigInteger prime = new BigInteger("FFFFFFFFFFFFFFC5", 16);
        BigInteger secret = new BigInteger("00123456789ABCDE", 16);
        // f(x) = secret + 5x, threshold 2
        List<PasswordShares.Share> shares = List.of(
                new PasswordShares.Share(1, secret.add(BigInteger.valueOf(5)).mod(prime)),
                new PasswordShares.Share(2, secret.add(BigInteger.valueOf(10)).mod(prime)));
        byte[] rebuilt = PasswordShares.combine(prime, shares);
        assertEquals(7, rebuilt.length);
        assertEquals(8, PasswordShares.padded(rebuilt).length);
        assertEquals(0, PasswordShares.padded(rebuilt)[0]);
    }
}
