package org.schsm.simulator.vpcd;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.schsm.apdu.CommandApdu;
import org.schsm.apdu.Hex;
import org.schsm.testkit.HsmConstants;

class ApduTextTest {
    private static final String PIN_HEX = HsmConstants.compact(HsmConstants.USER_PIN_HEX); // "648219"

    @Test
    void verifyDataIsRedacted() {
        String text = CommandApdu.describe(Hex.decode("0020008106" + PIN_HEX));
        assertFalse(text.replace(" ", "").contains(PIN_HEX), text);
        assertTrue(text.contains("**"), text);
    }

    @Test
    void initializeDataIsRedacted() {
        String text = CommandApdu.describe(Hex.decode("8050000010" + "8002000181" + "06" + PIN_HEX + "82083537"));
        assertFalse(text.replace(" ", "").contains(PIN_HEX), text);
    }

    @Test
    void malformedCommandShowsOnlyItsHeader() {
        // A VERIFY whose Lc does not match: it cannot be decoded, but its data is still a PIN.
        String text = CommandApdu.describe(Hex.decode("0020008109" + PIN_HEX));
        assertTrue(text.startsWith("00 20 00 81"), text);
        assertFalse(text.replace(" ", "").contains(PIN_HEX), text);
    }

    @Test
    void tooShortCommandIsDescribedNotDumped() {
        String text = CommandApdu.describe(Hex.decode("0020"));
        assertTrue(text.startsWith("00 20 (malformed: an APDU needs at least 4 header bytes"), text);
    }

    @Test
    void responseShowsStatusWordAndLengthButNoData() {
        String text = ApduText.response(Hex.decode("3132333435369000"));
        assertTrue(text.startsWith("9000"), text);
        assertTrue(text.contains("6 data bytes"), text);
        assertFalse(text.contains("31"), text);
    }
}
