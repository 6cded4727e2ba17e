package org.schsm.apdu;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.schsm.testkit.HsmConstants;

class CommandApduTest {
    private static final byte[] AID = Hex.decode(HsmConstants.compact(HsmConstants.AID));

    private static String hex(CommandApdu c) {
        return Hex.encode(c.bytes());
    }

    @Test
    void case1IsTheHeaderOnly() {
        CommandApdu c = new CommandApdu(0x00, 0x20, 0x00, 0x81);
        assertEquals("00200081", hex(c));
        assertEquals(1, c.isoCase());
    }

    @Test
    void case2CarriesOnlyLe() {
        CommandApdu c = new CommandApdu(0x00, 0x84, 0x00, 0x00, 8);
        assertEquals("0084000008", hex(c));
        assertEquals(2, c.isoCase());
    }

    @Test
    void case3CarriesLcAndData() {
        CommandApdu c = new CommandApdu(0x00, 0x20, 0x00, 0x81, "648219".getBytes());
        assertEquals("0020008106363438323139", hex(c));
        assertEquals(3, c.isoCase());
    }

    @Test
    void case4SelectOfTheSmartCardHsmMatchesTheKnownBytes() {
        CommandApdu c = new CommandApdu(0x00, 0xA4, 0x04, 0x00, AID, 256);
        assertEquals(HsmConstants.compact(HsmConstants.SELECT), hex(c));
        assertEquals(4, c.isoCase());
        assertFalse(c.isExtended());
    }

    @Test
    void emptyDataMeansNoLcField() {
        assertEquals("00200081", hex(new CommandApdu(0x00, 0x20, 0x00, 0x81, new byte[0])));
    }

    @Test
    void nc255StaysShortAndNc256GoesExtended() {
        CommandApdu s = new CommandApdu(0x80, 0x50, 0, 0, new byte[255]);
        assertFalse(s.isExtended());
        assertEquals("805000" + "00" + "FF", hex(s).substring(0, 10));
        assertEquals(5 + 255, s.bytes().length);

        CommandApdu e = new CommandApdu(0x80, 0x50, 0, 0, new byte[256]);
        assertTrue(e.isExtended());
        assertEquals("80500000" + "000100", hex(e).substring(0, 14));
        assertEquals(7 + 256, e.bytes().length);
    }

    @Test
    void ne256IsShortLe00() {
        assertEquals("00B0000000", hex(new CommandApdu(0x00, 0xB0, 0, 0, 256)));
    }

    @Test
    void ne257ForcesExtendedLe() {
        assertEquals("00B00000000101", hex(new CommandApdu(0x00, 0xB0, 0, 0, 257)));
    }

    @Test
    void ne65536IsExtendedLe0000() {
        assertEquals("00B00000000000", hex(new CommandApdu(0x00, 0xB0, 0, 0, 65536)));
        byte[] withData = new CommandApdu(0x00, 0xB1, 0, 0, new byte[] {0x54, 0x02, 0x00, 0x00}, 65536).bytes();
        assertEquals("00B1000000000454020000" + "0000", Hex.encode(withData));
    }

    @Test
    void extendedCase4UsesTwoByteLeAfterData() {
        // Short Lc with extended Le is forbidden, so a small Nc goes extended when Ne > 256.
        CommandApdu c = new CommandApdu(0x80, 0x58, 0x00, 0x00, new byte[] {1}, 300);
        assertEquals("80580000" + "000001" + "01" + "012C", hex(c));
    }

    @Test
    void lc65535IsTheLargestDataField() {
        CommandApdu c = new CommandApdu(0x00, 0xD6, 0, 0, new byte[65535]);
        byte[] b = c.bytes();
        assertEquals("00FFFF", Hex.encode(Arrays.copyOfRange(b, 4, 7)));
        assertEquals(7 + 65535, b.length);
        assertEquals(65535, CommandApdu.decode(b).nc());
        assertEquals(65535, c.nc());
    }

    @Test
    void nc65536AndNeOutOfRangeAreRejectedBeforeEncoding() {
        assertThrows(ApduFormatException.class, () -> new CommandApdu(0x00, 0xD6, 0, 0, new byte[65536]));
        assertThrows(ApduFormatException.class, () -> new CommandApdu(0x00, 0xB0, 0, 0, 65537));
        assertThrows(ApduFormatException.class, () -> new CommandApdu(0x00, 0xB0, 0, 0, -1));
        assertThrows(ApduFormatException.class, () -> new CommandApdu(0x100, 0xB0, 0, 0));
    }

    @Test
    void forceExtendedUsesExtendedFieldsEvenForSmallLengths() {
        CommandApdu c = new CommandApdu(0x80, 0x58, 0x00, 0x00, null, 256, true);
        assertEquals("80580000000100", hex(c));
    }

    @Test
    void decodeRecognisesEveryCaseAndRoundTrips() {
        String[] samples = {"00200081", "0084000008", "0020008106363438323139",
            HsmConstants.compact(HsmConstants.SELECT), "00B00000000101", "80500000000100" + "00".repeat(256),
            "80500000000002AABB" + "0100"};
        int[] cases = {1, 2, 3, 4, 2, 3, 4};
        for (int i = 0; i < samples.length; i++) {
            CommandApdu c = CommandApdu.parse(samples[i]);
            assertEquals(cases[i], c.isoCase(), samples[i]);
            assertEquals(samples[i], hex(c));
        }
        assertEquals(256, CommandApdu.parse("00B0000000").ne());
        assertEquals(65536, CommandApdu.parse("00B00000000000").ne());
        assertEquals(256, CommandApdu.parse("80500000000002AABB0100").ne());
    }

    @Test
    void decodeOfTooShortInputNamesTheHeader() {
        ApduFormatException e = assertThrows(ApduFormatException.class, () -> CommandApdu.parse("00A404"));
        assertTrue(e.getMessage().contains("4 header bytes"), e.getMessage());
    }

    private static ApduFormatException decodeFails(String hex) {
        return assertThrows(ApduFormatException.class, () -> CommandApdu.decode(Hex.decode(hex)));
    }

    @Test
    void decodeOfWrongLcPointsAtTheLcByte() {
        ApduFormatException e = decodeFails("0020008106313233");
        assertEquals(4, e.position());
        assertTrue(e.getMessage().contains("announces 6 data bytes but 3 bytes follow"), e.getMessage());
    }

    @Test
    void decodeOfTruncatedExtendedLengthPointsAfterTheMarker() {
        assertEquals(5, decodeFails("00B000000001").position());
        assertEquals(5, decodeFails("00D60000000003AABB").position());
        assertEquals(5, decodeFails("00D6000000000011").position());
    }

    @Test
    void parsedTextReportsLengthErrorsAtTheCharacterTheUserTyped() {
        // Byte 4 (Lc) starts at character 12 of the spaced form and at character 8 of the compact one.
        ApduFormatException spaced = assertThrows(ApduFormatException.class, () -> CommandApdu.parse("00 20 00 81 06 31 32 33"));
        assertEquals(12, spaced.position());
        assertTrue(spaced.getMessage().endsWith("(at position 12)"), spaced.getMessage());
        assertEquals(8, assertThrows(ApduFormatException.class, () -> CommandApdu.parse("0020008106313233")).position());
        assertEquals(15, assertThrows(ApduFormatException.class, () -> CommandApdu.parse("00:D6:00:00:00:00:00:11")).position());
    }

    @Test
    void shortCase4WithTwoLeBytesIsAnOverlongField() {
        ApduFormatException e = decodeFails("00CA0101" + "01" + "AA" + "0000");
        assertEquals(4, e.position());
        assertTrue(e.getMessage().contains("expected 1 or 2 with Le"), e.getMessage());
    }

    @Test
    void extendedCase4WithAOneByteLeIsRejected() {
        // After an extended Lc the Le field must have two bytes; one byte is neither case 3E nor 4E.
        ApduFormatException e = decodeFails("80500000" + "000002" + "AABB" + "00");
        assertEquals(5, e.position());
        assertTrue(e.getMessage().contains("3 bytes follow it (expected 2 or 4 with Le)"), e.getMessage());
    }

    @Test
    void problemIsTheMessageWithoutThePosition() {
        ApduFormatException e = decodeFails("0020008106313233");
        assertEquals(e.getMessage(), e.problem() + " (at position 4)");
        assertEquals(-1, assertThrows(ApduFormatException.class, () -> CommandApdu.parse("00A4")).position());
    }

    @Test
    void withNeKeepsHeaderAndData() {
        CommandApdu c = CommandApdu.parse("00CA0101");
        assertEquals("00CA010110", hex(c.withNe(16)));
        CommandApdu d = CommandApdu.parse(HsmConstants.compact("00 A4 04 00 0B " + HsmConstants.AID));
        assertEquals("00A404000B" + HsmConstants.compact(HsmConstants.AID) + "24", hex(d.withNe(0x24)));
    }

    @Test
    void bytesAndDataAreDefensiveCopies() {
        CommandApdu c = CommandApdu.parse("0020008102AABB");
        c.bytes()[0] = 0x7F;
        c.data()[0] = 0x00;
        assertEquals("0020008102AABB", hex(c));
        assertArrayEquals(new byte[] {(byte) 0xAA, (byte) 0xBB}, c.data());
    }

    @Test
    void pinCommandsPrintTheirDataAsStars() {
        String[] secret = {"0020008106363438323139", "002400810C363438323139313233343536",
            "002C000210" + "3537363231383830" + "3132333435363738", "8050000008" + "3132333435363738",
            "8052000002AABB"};
        for (String s : secret) {
            CommandApdu c = CommandApdu.parse(s);
            assertTrue(c.carriesSecret(), s);
            assertTrue(c.toString().contains("**"), c.toString());
            String compact = c.toString().replace(" ", "");
            assertFalse(compact.contains(Hex.encode(c.data())), c.toString());
        }
        assertEquals("00 20 00 81 06 **", CommandApdu.parse("0020008106363438323139").toString());
        assertEquals("80 50 00 00 02 ** 00", CommandApdu.parse("80500000023132 00".replace(" ", "")).toString());
    }

    @Test
    void statusQueriesAndOrdinaryCommandsAreShownInFull() {
        assertEquals("00 20 00 81", CommandApdu.parse("00200081").toString());
        assertFalse(CommandApdu.parse("8052000000").carriesSecret());
        assertEquals("00 A4 04 00 02 3F 00", CommandApdu.parse("00A40400023F00").toString());
    }

    @Test
    void secretsAreHiddenWhateverTheClassByte() {
        // Redaction follows the instruction: INITIALIZE DEVICE sent in class 00 (a suite case),
        // VERIFY with secure messaging or proprietary class bits, still carry PINs (issue 20).
        String[] secret = {"0050000001AA", "0C2000810631323334353F", "802000810631323334353F",
            "E4240081023132", "0152000002AABB"};
        for (String s : secret) {
            CommandApdu c = CommandApdu.parse(s);
            assertTrue(c.carriesSecret(), s);
            assertFalse(c.toString().replace(" ", "").contains(Hex.encode(c.data())), c.toString());
        }
    }

    @Test
    void describeShowsMalformedCommandsWithoutTheirSecrets() {
        assertEquals("00 A4 04 00 02 3F 00", CommandApdu.describe(Hex.decode("00A40400023F00")));
        assertEquals("0C 20 00 81 06 **", CommandApdu.describe(Hex.decode("0C20008106313233343536")));
        // Lc says 9, 6 bytes follow: where the data lies cannot be told, so nothing after the header is shown.
        String malformedVerify = CommandApdu.describe(Hex.decode("8420008109313233343536"));
        assertTrue(malformedVerify.startsWith("84 20 00 81 ** (malformed: Lc 09 announces 9"), malformedVerify);
        assertFalse(malformedVerify.contains("31 32 33"), malformedVerify);
        String malformedInitialize = CommandApdu.describe(Hex.decode("0050000019" + "31323334353637383132"));
        assertTrue(malformedInitialize.startsWith("00 50 00 00 ** (malformed"), malformedInitialize);
        assertEquals("00 B0 00 00 05 AA (malformed: Lc 05 announces 5 data bytes but 1 bytes follow it "
                + "(expected 5 or 6 with Le) (at position 4))", CommandApdu.describe(Hex.decode("00B0000005AA")));
        assertTrue(CommandApdu.describe(Hex.decode("0020")).startsWith("00 20 (malformed: an APDU needs at least 4"));
    }

    @Test
    void equalityFollowsTheEncodedBytes() {
        assertEquals(CommandApdu.parse("00A4040000"), new CommandApdu(0, 0xA4, 4, 0, 256));
        assertEquals(CommandApdu.parse("00A4040000").hashCode(), new CommandApdu(0, 0xA4, 4, 0, 256).hashCode());
        assertFalse(CommandApdu.parse("00A4040000").equals(CommandApdu.parse("00A40400")));
    }
}
