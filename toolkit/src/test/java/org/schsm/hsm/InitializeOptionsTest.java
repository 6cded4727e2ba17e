package org.schsm.hsm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.schsm.InvalidInputException;
import org.schsm.apdu.Hex;

class InitializeOptionsTest {

    private static InitializeOptions.Builder defaults() {
        return InitializeOptions.builder(SoPin.fromHex("3537363231383830"), Pin.user("648219"));
    }

    @Test
    void encodesExactlyAsScHsmToolWithOneDkekShare() {
        // sc-hsm-tool --so-pin 3537363231383830 --pin 648219 --pin-retry 3 --dkek-shares 1 (reference §2.2)
        byte[] data = defaults().dkekShares(1).build().encodeData();
        assertEquals("80 02 00 01 81 06 36 34 38 32 31 39 82 08 35 37 36 32 31 38 38 30 91 01 03 92 01 01",
                Hex.spaced(data));
    }

    @Test
    void withoutDkekSharesTag92IsLeftOut() {
        assertEquals("80 02 00 01 81 06 36 34 38 32 31 39 82 08 35 37 36 32 31 38 38 30 91 01 03",
                Hex.spaced(defaults().build().encodeData()));
    }

    @Test
    void noPinResetClearsBitOneAndTransportPinSetsBitTwo() {
        assertEquals("80 02 00 00", Hex.spaced(defaults().noPinReset().build().encodeData()).substring(0, 11));
        assertEquals("80 02 00 03", Hex.spaced(defaults().transportPin().build().encodeData()).substring(0, 11));
        assertEquals(0x0002, defaults().noPinReset().transportPin().build().options().word());
    }

    @Test
    void retryCounterIsCheckedAgainstThePinLengthBeforeAnythingIsSent() {
        assertThrows(RetryCounterException.class, () -> defaults().retryCounter(5).build());
        InitializeOptions sevenChars = InitializeOptions.builder(SoPin.defaultSoPin(), Pin.user("6482190"))
                .retryCounter(5).build();
        assertEquals(5, sevenChars.userRetryCounter().value());
        assertThrows(RetryCounterException.class, () -> defaults().retryCounter(0));
    }

    @Test
    void dkekShareCountMustFitOneByte() {
        assertThrows(InvalidInputException.class, () -> defaults().dkekShares(256).build());
        assertThrows(InvalidInputException.class, () -> defaults().dkekShares(-1).build());
        assertEquals("92 01 00", Hex.spaced(defaults().dkekShares(0).build().encodeData()).substring(75));
    }

    @Test
    void toStringShowsNeitherPin() {
        String text = defaults().dkekShares(1).build().toString();
        assertFalse(text.contains("648219") || text.contains("3537363231383830") || text.contains("57621880"), text);
        assertTrue(text.contains("Pin[6 bytes, **]") && text.contains("SoPin[8 bytes, **]"), text);
    }
}
