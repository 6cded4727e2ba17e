package org.schsm.apdu;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class HexTest {
    private static final byte[] SELECT_HEADER = {0x00, (byte) 0xA4, 0x04, 0x00};

    @ParameterizedTest
    @ValueSource(strings = {"00A40400", "00 A4 04 00", "00:A4:04:00", "00a40400", "  00 a4\t04\n00  ", "00-A4-04-00"})
    void everyPastedFormDecodesToTheSameBytes(String text) {
        assertArrayEquals(SELECT_HEADER, Hex.decode(text));
    }

    @Test
    void emptyTextIsNoBytes() {
        assertEquals(0, Hex.decode("").length);
        assertEquals(0, Hex.decode("   ").length);
    }

    @Test
    void oddDigitCountPointsAtTheLoneDigit() {
        ApduFormatException e = assertThrows(ApduFormatException.class, () -> Hex.decode("00A404 0"));
        assertEquals(7, e.position());
        assertTrue(e.getMessage().contains("odd number"), e.getMessage());
    }

    @Test
    void nonHexCharacterIsNamedWithItsPosition() {
        ApduFormatException e = assertThrows(ApduFormatException.class, () -> Hex.decode("00 A4 0G 00"));
        assertEquals(7, e.position());
        assertTrue(e.getMessage().contains("'G'"), e.getMessage());
    }

    @Test
    void separatorInsideAByteIsRejectedNotSilentlyShifted() {
        ApduFormatException e = assertThrows(ApduFormatException.class, () -> Hex.decode("0 0A40400"));
        assertEquals(1, e.position());
        assertTrue(e.getMessage().contains("splits a byte"), e.getMessage());
    }

    @Test
    void nonAsciiDigitsAreNotHex() {
        // Character.digit accepts full-width digits; a pasted "０" must not become 0.
        ApduFormatException e = assertThrows(ApduFormatException.class, () -> Hex.decode("0\uFF10"));
        assertEquals(1, e.position());
    }

    @Test
    void encodeIsUpperCaseAndSpacedFormSeparatesBytes() {
        byte[] b = {(byte) 0xAB, 0x01, (byte) 0xFF};
        assertEquals("AB01FF", Hex.encode(b));
        assertEquals("AB 01 FF", Hex.spaced(b));
        assertEquals("", Hex.spaced(new byte[0]));
        assertEquals("0F", Hex.byteHex(0x10F));
    }

    @Test
    void encodeThenDecodeRoundTripsEveryByteValue() {
        byte[] all = new byte[256];
        for (int i = 0; i < 256; i++) {
            all[i] = (byte) i;
        }
        assertArrayEquals(all, Hex.decode(Hex.encode(all)));
        assertArrayEquals(all, Hex.decode(Hex.spaced(all)));
    }
}
