package org.schsm.hsm.dkek;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.schsm.apdu.Hex;

class DkekTest {
    @Test
    void twoEqualSharesCancelOutToTheZeroKey() {
        byte[] v = Hex.decode("C955AF6FB058CA963D270049DE57B75B175D528B8993D7651DCC4650097CAFFB");
        try (Dkek dkek = Dkek.combine(List.of(new DkekShare(v), new DkekShare(v)))) {
            // pico-hsm's test expects SHA-256 of 32 zero bytes after importing the same share twice.
            assertEquals("66687AADF862BD77", dkek.kcvHex());
        }
        try (Dkek single = Dkek.combine(List.of(new DkekShare(v)))) {
            assertEquals("2AFA121E8764A1E3", single.kcvHex());
        }
    }

    @Test
    void reshareGivesNewSharesThatCombineToTheSameKcv() {
        try (Dkek dkek = new Dkek(Hex.decode("2848CB6E994F5A00C365C3C255ED130512CE1EB06BF08D348EEB8B2F866E3E50"))) {
            List<DkekShare> shares = dkek.reshare(3, PasswordSharesTest.fakeCard(5));
            assertEquals(3, shares.size());
            for (DkekShare s : shares) {
                assertNotEquals(dkek.kcvHex(), s.kcvHex());
            }
            try (Dkek again = Dkek.combine(shares)) {
                assertEquals("97E303855DC1C54D", again.kcvHex());
            }
            List<DkekShare> other = dkek.reshare(3, PasswordSharesTest.fakeCard(6));
            assertNotEquals(shares.get(0).kcvHex(), other.get(0).kcvHex());
        }
    }

    @Test
    void dkekIsNeverShownAndRefusesWrongLengths() {
        Dkek dkek = new Dkek(new byte[32]);
        assertFalse(dkek.toString().contains("0000000000"));
        assertThrows(IllegalArgumentException.class, () -> new Dkek(new byte[16]));
        assertThrows(IllegalArgumentException.class, () -> dkek.reshare(0, n -> new byte[n]));
    }
}
