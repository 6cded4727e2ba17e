package org.schsm.simulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.schsm.apdu.Hex;

/** GET CHALLENGE {@code 00 84}, reference §8: Le random bytes, no PIN. */
class GetChallengeTest {

    @Test
    void answersExactlyLeBytesWithoutAPin() {
        TestCard card = TestCard.selected();
        assertEquals(8, card.expectData("00 84 00 00 08").length);
        assertEquals(32, card.expectData("00 84 00 00 20").length);
        assertEquals(256, card.expectData("00 84 00 00 00").length);
        assertEquals(1024, card.expectData("00 84 00 00 00 04 00").length);
    }

    @Test
    void challengesDoNotRepeatAndLookRandom() {
        TestCard card = TestCard.selected();
        Set<String> seen = new HashSet<>();
        int ones = 0;
        for (int i = 0; i < 200; i++) {
            byte[] challenge = card.expectData("00 84 00 00 20");
            assertTrue(seen.add(Hex.encode(challenge)), "a 32-byte challenge repeated");
            for (byte b : challenge) {
                ones += Integer.bitCount(b & 0xFF);
            }
        }
        // 51200 bits: a fair source stays within a few hundred of half (6 sigma is about 680)
        assertTrue(Math.abs(ones - 25600) < 700, "bit balance " + ones);
        assertNotEquals(Hex.encode(TestCard.selected().expectData("00 84 00 00 20")),
                Hex.encode(TestCard.selected().expectData("00 84 00 00 20")), "two cards, two challenges");
    }

    @Test
    void refusals() {
        TestCard card = TestCard.selected();
        card.expect("00 84 00 00", 0x6700);
        card.expect("00 84 00 00 00 04 01", 0x6700);
        card.expect("00 84 01 00 08", 0x6A86);
        card.expect("00 84 00 00 01 00 08", 0x6700);
    }
}
