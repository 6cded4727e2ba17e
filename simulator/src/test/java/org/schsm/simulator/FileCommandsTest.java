package org.schsm.simulator;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.schsm.simulator.TestCard.SELECT;
import static org.schsm.simulator.TestCard.VERIFY_USER;

import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.schsm.apdu.Hex;
import org.schsm.apdu.ResponseApdu;

class FileCommandsTest {
    private static final String ENUMERATE = "80 58 00 00 00";

    private static byte[] certificate(int length) {
        byte[] cert = new byte[length];
        for (int i = 0; i < length; i++) {
            cert[i] = (byte) (i * 7 + 3);
        }
        return cert;
    }

    private static TestCard personalised(byte[] cert) {
        TestCard card = new TestCard(SimulatedCard.create(cert));
        card.expect(SELECT, 0x9000);
        return card;
    }

    private static String read(String fid, int offset, String le) {
        return String.format("00 B1 %s 04 54 02 %04X %s", fid, offset, le);
    }

    @Test
    void enumerateObjectsOnAFreshCardListsTheDeviceCertificateAndKey() {
        // a real card lists 2F02 and CC00 too (reference §1.1)
        TestCard card = TestCard.selected();
        card.expectData(ENUMERATE, "2F 02 CC 00");
        card.expectData("80 58 00 00 00 00 00", "2F 02 CC 00");
        TestCard blank = new TestCard(SimulatedCard.createBlank());
        blank.expect(SELECT, 0x9000);
        blank.expectData(ENUMERATE, "");
    }

    @Test
    void enumerateObjectsChecksParametersAndLength() {
        TestCard card = TestCard.selected();
        card.expect("80 58 01 00 00", 0x6A86);
        card.expect("80 58 00 00 01 00 00", 0x6700);
    }

    @Test
    void deviceCertificateIsReadableWithoutPin() {
        byte[] cert = certificate(120);
        TestCard card = personalised(cert);
        card.expect("00 A4 00 00 02 2F 02 00", 0x9000);
        assertArrayEquals(cert, card.expectData(read("00 00", 0, "00")));
        assertArrayEquals(cert, card.expectData(read("2F 02", 0, "00")));
        assertArrayEquals(Arrays.copyOfRange(cert, 100, 120), card.expectData(read("2F 02", 100, "00")));
    }

    @Test
    void explicitLeBeyondTheEndReturnsTheRestWithEndOfFile() {
        byte[] cert = certificate(120);
        TestCard card = personalised(cert);
        ResponseApdu tail = card.expect(read("2F 02", 100, "40"), 0x6282);
        assertArrayEquals(Arrays.copyOfRange(cert, 100, 120), tail.data());
        assertArrayEquals(Arrays.copyOfRange(cert, 10, 26), card.expectData(read("2F 02", 10, "10")));
        assertEquals(0, card.expect(read("2F 02", 120, "10"), 0x6282).dataLength());
        card.expect(read("2F 02", 121, "00"), 0x6B00);
    }

    @Test
    void largeCertificateIsReadInShortChunksOrOneExtendedRead() {
        byte[] cert = certificate(700);
        TestCard card = personalised(cert);
        byte[] joined = new byte[0];
        for (int offset = 0; offset < cert.length; offset += 256) {
            byte[] part = card.expectData(read("2F 02", offset, "00"));
            joined = concat(joined, part);
        }
        assertArrayEquals(cert, joined);
        byte[] extended = card.expectData("00 B1 2F 02 00 00 04 54 02 00 00 00 00");
        assertArrayEquals(cert, extended);
        byte[] explicit = card.expectData("00 B1 2F 02 00 00 04 54 02 00 00 02 BC");
        assertArrayEquals(cert, explicit);
        card.expectData("00 A4 00 00 02 2F 02 00", "62 0B 80 02 02 BC 82 01 01 83 02 2F 02");
    }

    @Test
    void readBinaryChecksItsOffsetObject() {
        TestCard card = personalised(certificate(10));
        card.expect("00 B1 2F 02 00", 0x6700);
        card.expect("00 B1 2F 02 04 53 02 00 00 00", 0x6A80);
        card.expect("00 B1 2F 02 03 54 02 00 00", 0x6A80);
        card.expect("00 B1 2F 02 05 54 02 00 00 00 00", 0x6A80);
        card.expectData("00 B1 2F 02 03 54 01 08 00", Hex.encode(Arrays.copyOfRange(certificate(10), 8, 10)));
        card.expect("00 B1 2F 02 04 54 02 80 00 00", 0x6B00);
    }

    @Test
    void readBinaryOfTheCurrentEfNeedsOne() {
        TestCard card = personalised(certificate(10));
        card.expect(read("00 00", 0, "00"), 0x6986);
        card.expect(read("2F 03", 0, "00"), 0x6A82);
    }

    @Test
    void personalisationIsRefusedAfterInitialization() {
        TestCard card = TestCard.initialized();
        card.expect("80 DA 2F 02 07 54 02 00 00 53 01 AA", 0x6985);
        card.expect("80 DA 2F 03 07 54 02 00 00 53 01 AA", 0x6A86);
    }

    @Test
    void updateBinaryNeedsTheUserPin() {
        TestCard card = TestCard.initialized();
        card.expect("00 D7 2F 03 07 54 02 00 00 53 01 AA", 0x6982);
        card.expect(VERIFY_USER, 0x9000);
        card.expect("00 D7 2F 03 07 54 02 00 00 53 01 AA", 0x9000);
        card.expectData(read("2F 03", 0, "00"), "AA");
    }

    @Test
    void updateBinaryCreatesGrowsAndListsObjects() {
        TestCard card = TestCard.initialized();
        card.expect(VERIFY_USER, 0x9000);
        card.expect("00 D7 CF 01 09 54 02 00 00 53 03 01 02 03", 0x9000);
        card.expect("00 D7 C4 01 06 54 02 00 00 53 00", 0x9000);
        card.expect("00 D7 CF 01 09 54 02 00 03 53 03 04 05 06", 0x9000);
        card.expect("00 D7 C4 01 07 54 02 00 00 53 01 77", 0x9000);
        card.expect("00 D7 CF 01 07 54 02 00 01 53 01 FF", 0x9000);
        card.expectData(read("CF 01", 0, "00"), "01 FF 03 04 05 06");
        card.expectData(read("C4 01", 0, "00"), "77");
        card.expectData(ENUMERATE, "2F 02 CF 01 C4 01 CC 00");
        card.expect("00 D7 CF 01 07 54 02 00 08 53 01 FF", 0x6B00);
    }

    @Test
    void updateBinaryTakesLongLengthForms() {
        TestCard card = TestCard.initialized();
        card.expect(VERIFY_USER, 0x9000);
        String data200 = "5A ".repeat(200);
        card.expect("00 D7 CF 02 CF 54 02 00 00 53 81 C8 " + data200, 0x9000);
        String data300 = "A5 ".repeat(300);
        card.expect("00 D7 CF 02 00 01 34 54 02 00 C8 53 82 01 2C " + data300, 0x9000);
        byte[] all = card.expectData("00 B1 CF 02 00 00 04 54 02 00 00 00 00");
        assertEquals(500, all.length);
        assertEquals(0x5A, all[199]);
        assertEquals((byte) 0xA5, all[200]);
    }

    @Test
    void updateBinaryRejectsMalformedData() {
        TestCard card = TestCard.initialized();
        card.expect(VERIFY_USER, 0x9000);
        card.expect("00 D7 CF 01 07 54 02 00 00 53 02 AA", 0x6A80);
        card.expect("00 D7 CF 01 08 54 02 00 00 53 00 AA BB", 0x6A80);
        card.expect("00 D7 CF 01 04 54 02 00 00", 0x6A80);
        card.expect("00 D7 CF 01 07 54 02 00 00 52 01 AA", 0x6A80);
        card.expect("00 D7 CF 01 08 54 02 00 00 53 83 00 01", 0x6A80);
        card.expect("00 D7 CF 01", 0x6700);
        card.expectData(ENUMERATE, "2F 02 CC 00");
    }

    @Test
    void deviceCertificateAndKeysCannotBeWrittenByUpdateBinary() {
        TestCard card = personalised(certificate(10));
        card.expect("80 50 00 00 19 80 02 00 01 81 06 " + TestCard.USER_PIN + " 82 08 " + TestCard.SO_PIN
                + " 91 01 03", 0x9000);
        card.expect(VERIFY_USER, 0x9000);
        card.expect("00 D7 2F 02 07 54 02 00 00 53 01 AA", 0x6982);
        card.expect("00 D7 CC 01 07 54 02 00 00 53 01 AA", 0x6982);
        card.expect("00 D7 3F 00 07 54 02 00 00 53 01 AA", 0x6A86);
        card.expect("00 E4 02 00 02 2F 02", 0x6982);
        assertArrayEquals(certificate(10), card.expectData(read("2F 02", 0, "00")));
    }

    @Test
    void protectedDataNeedsThePinToRead() {
        TestCard card = TestCard.initialized();
        card.expect(VERIFY_USER, 0x9000);
        card.expect("00 D7 CD 01 07 54 02 00 00 53 01 42", 0x9000);
        card.expectData(read("CD 01", 0, "00"), "42");
        card.expect(SELECT, 0x9000);
        card.expect(read("CD 01", 0, "00"), 0x6982);
    }

    @Test
    void deleteFileRemovesItAndKeepsTheOthersIntact() {
        TestCard card = TestCard.initialized();
        card.expect(VERIFY_USER, 0x9000);
        card.expect("00 D7 CF 01 08 54 02 00 00 53 02 11 11", 0x9000);
        card.expect("00 D7 CF 02 08 54 02 00 00 53 02 22 22", 0x9000);
        card.expect("00 D7 CF 03 08 54 02 00 00 53 02 33 33", 0x9000);
        card.expect("00 E4 02 00 02 CF 02", 0x9000);
        card.expect("00 E4 02 00 02 CF 02", 0x6A82);
        card.expect("00 E4 00 00 02 CF 01", 0x6A86);
        card.expect("00 E4 02 00 01 CF", 0x6700);
        card.expectData(read("CF 01", 0, "00"), "11 11");
        card.expectData(read("CF 03", 0, "00"), "33 33");
        card.expectData(ENUMERATE, "2F 02 CF 01 CF 03 CC 00");
        card.expect(SELECT, 0x9000);
        card.expect("00 E4 02 00 02 CF 01", 0x6982);
    }

    @Test
    void reinitializationKeepsTheDeviceCertificate() {
        byte[] cert = certificate(50);
        TestCard card = personalised(cert);
        card.expect(TestCard.INITIALIZE_TOOL, 0x9000);
        card.expect(VERIFY_USER, 0x9000);
        card.expect("00 D7 2F 03 07 54 02 00 00 53 01 AA", 0x9000);
        card.expect(TestCard.INITIALIZE_TOOL, 0x9000);
        card.expect("00 A4 00 00 02 2F 03 00", 0x6A82);
        assertArrayEquals(cert, card.expectData(read("2F 02", 0, "00")));
    }

    @Test
    void theStoreReportsWhenItIsFull() {
        TestCard card = TestCard.initialized();
        card.expect(VERIFY_USER, 0x9000);
        String chunk = "EE ".repeat(4000);
        int written = 0;
        int sw = 0x9000;
        for (int fid = 1; fid <= 9 && sw == 0x9000; fid++) {
            sw = card.send(String.format("00 D7 CF %02X 00 0F A8 54 02 00 00 53 82 0F A0 %s", fid, chunk)).sw();
            if (sw == 0x9000) {
                written++;
            }
        }
        assertEquals(7, written, "31565 heap bytes hold EF.C_DevAut and 7 files of 4000");
        assertEquals(0x6A84, sw);
        card.expect("00 E4 02 00 02 CF 01", 0x9000);
        card.expect("00 D7 CF 09 00 0F A8 54 02 00 00 53 82 0F A0 " + chunk, 0x9000);
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
