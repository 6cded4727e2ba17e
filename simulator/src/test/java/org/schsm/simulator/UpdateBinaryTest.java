package org.schsm.simulator;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.schsm.simulator.FileTestSupport.ENUMERATE;
import static org.schsm.simulator.FileTestSupport.certificate;
import static org.schsm.simulator.FileTestSupport.personalised;
import static org.schsm.simulator.FileTestSupport.read;
import static org.schsm.simulator.TestCard.VERIFY_USER;

import org.junit.jupiter.api.Test;
import org.schsm.testkit.HsmConstants;

/** UPDATE BINARY, odd INS {@code D7}: create, grow, chunked writes; user PIN needed. */
class UpdateBinaryTest {
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
        card.expect("80 50 00 00 19 80 02 00 01 81 06 " + HsmConstants.USER_PIN_HEX + " 82 08 " + HsmConstants.DEFAULT_SO_PIN
                + " 91 01 03", 0x9000);
        card.expect(VERIFY_USER, 0x9000);
        card.expect("00 D7 2F 02 07 54 02 00 00 53 01 AA", 0x6982);
        card.expect("00 D7 CC 01 07 54 02 00 00 53 01 AA", 0x6982);
        card.expect("00 D7 3F 00 07 54 02 00 00 53 01 AA", 0x6A86);
        card.expect("00 E4 02 00 02 2F 02", 0x6982);
        assertArrayEquals(certificate(10), card.expectData(read("2F 02", 0, "00")));
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
}
