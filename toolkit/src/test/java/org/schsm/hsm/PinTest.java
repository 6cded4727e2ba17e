package org.schsm.hsm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.schsm.InvalidInputException;
import org.schsm.apdu.Hex;

class PinTest {

    @Test
    void userPinOfSixToSixteenPrintableCharactersIsAccepted() {
        assertEquals(6, Pin.user("648219").length());
        assertEquals(16, Pin.user("abcdefghijklmn~ ").length());
        assertEquals(PinReference.USER, Pin.user("648219").reference());
    }

    @Test
    void userPinShorterThanSixIsRefusedWithoutEchoingIt() {
        PinFormatException e = assertThrows(PinFormatException.class, () -> Pin.user("31337"));
        assertEquals("user PIN has 5 characters; it must have 6 to 16 characters", e.getMessage());
        assertFalse(e.getMessage().contains("31337"));
        assertInstanceOf(InvalidInputException.class, e);
    }

    @Test
    void userPinLongerThanSixteenIsRefused() {
        PinFormatException e = assertThrows(PinFormatException.class, () -> Pin.user("12345678901234567"));
        assertTrue(e.getMessage().contains("17 characters"), e.getMessage());
        assertFalse(e.getMessage().contains("1234567890"));
    }

    @Test
    void nonPrintableCharacterIsRefusedByPositionNotByValue() {
        PinFormatException accent = assertThrows(PinFormatException.class, () -> Pin.user("abc\u00e9ef1"));
        assertEquals("user PIN character 4 of 7 is not printable ASCII (allowed: space to '~', 0x20-0x7E)",
                accent.getMessage());
        PinFormatException newline = assertThrows(PinFormatException.class, () -> Pin.user("648219\n"));
        assertTrue(newline.getMessage().startsWith("user PIN character 7 of 7"), newline.getMessage());
        assertFalse(newline.getMessage().contains("648219"));
    }

    @Test
    void toStringShowsTheLengthButNeverThePin() {
        Pin pin = Pin.user("648219");
        assertEquals("Pin[6 bytes, **]", pin.toString());
        assertFalse(String.valueOf(pin).contains("648219"));
    }

    @Test
    void clearOverwritesTheValueAndForbidsFurtherUse() {
        Pin pin = Pin.user("648219");
        pin.clear();
        assertTrue(pin.isCleared());
        assertEquals("Pin[cleared]", pin.toString());
        assertThrows(IllegalStateException.class, () -> pin.sameValueAs(Pin.user("648219")));
        assertThrows(IllegalStateException.class, () -> pin.copyInto(new byte[6], 0));
    }

    @Test
    void tryWithResourcesClearsThePin() {
        Pin kept;
        try (Pin pin = Pin.user("648219")) {
            kept = pin;
            assertFalse(pin.isCleared());
        }
        assertTrue(kept.isCleared());
    }

    @Test
    void equalsIsIdentityAndSameValueAsComparesTheBytes() {
        Pin a = Pin.user("648219");
        Pin b = Pin.user("648219");
        assertNotEquals(a, b);
        assertTrue(a.sameValueAs(b));
        assertFalse(a.sameValueAs(Pin.user("648218")));
        assertFalse(a.sameValueAs(Pin.user("6482190")));
    }

    @Test
    void pinIsACopySoClearingTheCallersCharactersDoesNotChangeIt() {
        char[] typed = "648219".toCharArray();
        Pin pin = Pin.user(typed);
        Arrays.fill(typed, '\0');
        byte[] sent = new byte[6];
        pin.copyInto(sent, 0);
        assertEquals("363438323139", Hex.encode(sent));
    }
}
