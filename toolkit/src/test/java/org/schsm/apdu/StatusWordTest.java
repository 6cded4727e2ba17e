package org.schsm.apdu;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class StatusWordTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "9000|9000 (success)",
        "63C2|63C2 (wrong PIN, 2 tries left)",
        "63C1|63C1 (wrong PIN, 1 try left)",
        "63C0|63C0 (wrong PIN, 0 tries left)",
        "6983|6983 (authentication method blocked: PIN blocked)",
        "6984|6984 (reference data not usable: transport PIN must be changed first)",
        "6A88|6A88 (referenced data not found: device not initialized or no such PIN)",
        "6985|6985 (conditions of use not satisfied)",
        "6986|6986 (command not allowed: no current EF, or option not enabled at initialization)",
        "6982|6982 (security status not satisfied)",
        "6700|6700 (wrong length)",
        "6B00|6B00 (wrong parameters P1-P2)",
        "6A86|6A86 (incorrect parameters P1-P2)",
        "6D00|6D00 (instruction code not supported or invalid)",
        "6E00|6E00 (class not supported)",
        "6124|6124 (36 response bytes still available (GET RESPONSE))",
        "6100|6100 (256 or more response bytes still available (GET RESPONSE))",
        "6C10|6C10 (wrong Le: exact length is 16)",
        "6C00|6C00 (wrong Le: exact length is 256)",
        "6F00|6F00 (no precise diagnosis)",
        "1234|1234 (unknown status word)"})
    void printedFormIsHexAndMeaning(String sw, String printed) {
        assertEquals(printed, StatusWord.parse(sw).toString());
    }

    @Test
    void retryCounterCarriesTriesLeftOnlyFor63Cx() {
        assertTrue(StatusWord.parse("63C5").isRetryCounter());
        assertEquals(5, StatusWord.parse("63C5").triesLeft());
        assertEquals(15, StatusWord.parse("63CF").triesLeft());
        assertEquals(-1, StatusWord.parse("6983").triesLeft());
        assertEquals(-1, StatusWord.parse("6300").triesLeft());
    }

    @Test
    void parseAcceptsSpacesAndPrefixButNotOtherLengths() {
        assertEquals(0x63C2, StatusWord.parse("63 C2").value());
        assertEquals(0x63C2, StatusWord.parse("0x63c2").value());
        assertThrows(ApduFormatException.class, () -> StatusWord.parse("900"));
        assertThrows(ApduFormatException.class, () -> StatusWord.parse("900000"));
        assertThrows(IllegalArgumentException.class, () -> new StatusWord(0x10000));
    }

    @Test
    void sw1AndSw2SplitTheValue() {
        StatusWord sw = StatusWord.of(0x6A, 0x88);
        assertEquals(0x6A, sw.sw1());
        assertEquals(0x88, sw.sw2());
        assertEquals("6A88", sw.hex());
        assertTrue(StatusWord.OK.isSuccess());
        assertFalse(sw.isSuccess());
    }

    @Test
    void responseDecodeSplitsDataFromStatus() {
        ResponseApdu r = ResponseApdu.decode(Hex.decode("6F02AABB9000"));
        assertArrayEquals(Hex.decode("6F02AABB"), r.data());
        assertTrue(r.isOk());
        assertEquals("6F 02 AA BB 9000 (success)", r.toString());
        assertEquals("6982 (security status not satisfied)", ResponseApdu.decode(Hex.decode("6982")).toString());
        assertArrayEquals(Hex.decode("6F02AABB9000"), r.bytes());
        assertThrows(ApduFormatException.class, () -> ResponseApdu.decode(new byte[] {(byte) 0x90}));
    }

    @Test
    void statusWordExceptionCarriesMeaningAndRedactedCommand() {
        CommandApdu verify = CommandApdu.parse("0020008106363438323139");
        StatusWordException e = new StatusWordException("VERIFY", verify, StatusWord.parse("63C2"));
        assertEquals("VERIFY refused by the card: 63C2 (wrong PIN, 2 tries left)", e.getMessage());
        assertEquals("00 20 00 81 06 **", e.command());
        assertEquals(0x63C2, e.statusWord().value());
    }
}
