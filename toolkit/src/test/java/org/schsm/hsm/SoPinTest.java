package org.schsm.hsm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.schsm.apdu.Hex;

class SoPinTest {

    private static String bytesOf(PinValue value) {
        byte[] out = new byte[value.length()];
        value.copyInto(out, 0);
        return Hex.encode(out);
    }

    @Test
    void sixteenHexDigitsBecomeEightBytes() {
        SoPin so = SoPin.fromHex("3537363231383830");
        assertEquals(8, so.length());
        assertEquals("3537363231383830", bytesOf(so));
        assertEquals("0123456789ABCDEF", bytesOf(SoPin.fromHex("0123456789abcdef")));
        assertEquals(PinReference.SO, so.reference());
    }

    @Test
    void eightCharactersAreRefusedWithTheRuleShownOnTheDefault() {
        PinFormatException e = assertThrows(PinFormatException.class, () -> SoPin.fromHex("57621880"));
        String message = e.getMessage();
        assertTrue(message.startsWith("SO-PIN must be 16 hex digits (8 bytes), not 8 characters"), message);
        assertTrue(message.contains("the default \"57621880\" is 3537363231383830"), message);
        assertTrue(message.contains("explicit ASCII option"), message);
        assertFalse(message.contains("\n"), "one line");
    }

    @Test
    void theRefusalOfEightCharactersShowsNeitherThemNorTheirHexForm() {
        PinFormatException e = assertThrows(PinFormatException.class, () -> SoPin.fromHex("k9Qz4Wx2"));
        assertFalse(e.getMessage().contains("k9Qz4Wx2"), e.getMessage());
        assertFalse(e.getMessage().toUpperCase(java.util.Locale.ROOT).contains("6B39517A34577832"), e.getMessage());
    }

    @Test
    void sixteenCharactersThatAreNotHexAreRefusedWithoutEchoingThem() {
        // The passphrase from Nitrokey forum /t/629 that old OpenSC turned into an unknown SO-PIN.
        PinFormatException e = assertThrows(PinFormatException.class, () -> SoPin.fromHex("JcobBr{y#)bE)W#b"));
        assertEquals("SO-PIN character 1 of 16 is not a hex digit; the SO-PIN is 16 hex digits (0-9, A-F)"
                + " encoding 8 bytes", e.getMessage());
    }

    @Test
    void otherLengthsAreRefusedNamingTheExpectedForm() {
        PinFormatException e = assertThrows(PinFormatException.class, () -> SoPin.fromHex("353736323138383"));
        assertEquals("SO-PIN has 15 characters; it must be exactly 16 hex digits (8 bytes), for example the default"
                + " 3537363231383830", e.getMessage());
    }

    @Test
    void theDocumentedDefaultIsDetectedSoCallersCanWarn() {
        assertTrue(SoPin.fromHex("3537363231383830").isDefault());
        assertTrue(SoPin.defaultSoPin().isDefault());
        assertTrue(SoPin.fromAsciiCharacters("57621880").isDefault());
        assertFalse(SoPin.fromHex("3537363231383831").isDefault());
    }

    @Test
    void asciiFormIsAnExplicitConversionOfExactlyEightCharacters() {
        assertEquals("3132333435363738", bytesOf(SoPin.fromAsciiCharacters("12345678")));
        PinFormatException e = assertThrows(PinFormatException.class, () -> SoPin.fromAsciiCharacters("1234567"));
        assertEquals("SO-PIN in ASCII form has 7 characters; it must have exactly 8 characters", e.getMessage());
    }

    @Test
    void toStringNeverShowsTheSoPin() {
        assertEquals("SoPin[8 bytes, **]", SoPin.defaultSoPin().toString());
    }

    @Test
    void userPinAndSoPinWithTheSameBytesAreNotTheSameValue() {
        assertFalse(SoPin.fromHex("3132333435363738").sameValueAs(Pin.user("12345678")));
    }
}
