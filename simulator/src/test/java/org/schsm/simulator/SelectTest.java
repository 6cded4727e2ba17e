package org.schsm.simulator;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.schsm.testkit.HsmConstants.AID;
import static org.schsm.testkit.HsmConstants.SELECT;

import org.junit.jupiter.api.Test;
import org.schsm.apdu.Hex;
import org.schsm.testkit.HsmConstants;

class SelectTest {
    private static final String FRESH_FCP = "62 17 82 01 38 84 0B " + AID + " 85 05 00 00 FF 03 06";

    @Test
    void selectByAidAnswersFcpWithVersionThreeSixAndNoOptionsOnAFreshCard() {
        TestCard card = new TestCard();
        card.expectData(SELECT, FRESH_FCP);
    }

    @Test
    void selectWithoutLeStillAnswersTheFcp() {
        TestCard card = new TestCard();
        card.expectData("00 A4 04 00 0B " + AID, FRESH_FCP);
    }

    @Test
    void selectWithP2NoResponseDataAnswersNothing() {
        TestCard card = new TestCard();
        card.expectData("00 A4 04 0C 0B " + AID, "");
    }

    @Test
    void fcpTag85IsReadFromTheEndAsOpenScDoes() {
        TestCard card = TestCard.initialized();
        byte[] fcp = card.expectData(SELECT);
        // tag 85 is the last TLV: 85 05 <options hi> <options lo> <build> <major> <minor>
        int n = 5;
        int start = fcp.length - n;
        assertEquals((byte) 0x85, fcp[start - 2]);
        assertEquals(3, fcp[start + n - 2], "major");
        assertEquals(6, fcp[start + n - 1], "minor");
        assertEquals(0x01, fcp[start + n - 4], "options low byte: RRC enabled");
        assertEquals((byte) 0xFF, fcp[start + n - 3], "build type: plain SmartCard-HSM");
    }

    @Test
    void fcpTooLongForLeAnswersExactLength() {
        TestCard card = new TestCard();
        card.expect("00 A4 04 00 0B " + AID + " 05", 0x6C19);
    }

    @Test
    void selectLogsTheUserOut() {
        TestCard card = TestCard.initialized();
        card.expect(TestCard.VERIFY_USER, 0x9000);
        card.expect(HsmConstants.USER_STATUS, 0x9000);
        card.expect(SELECT, 0x9000);
        card.expect(HsmConstants.USER_STATUS, 0x63C3);
    }

    @Test
    void selectLogsTheSoPinSessionOut() {
        TestCard card = TestCard.initialized();
        card.expect("00 20 00 88 08 " + HsmConstants.DEFAULT_SO_PIN, 0x9000);
        card.expect(HsmConstants.SO_STATUS, 0x9000);
        card.expect(SELECT, 0x9000);
        card.expect(HsmConstants.SO_STATUS, 0x63CF);
    }

    @Test
    void selectOfAnotherAidAnswersFileNotFound() {
        TestCard card = new TestCard();
        card.expect("00 A4 04 00 05 A0 00 00 00 01 00", 0x6A82);
        card.expect(SELECT, 0x9000);
        card.expect("00 A4 04 00 05 A0 00 00 00 01 00", 0x6A82);
        card.expect(HsmConstants.SO_STATUS, 0x6A88);
    }

    @Test
    void extendedSelectOfOurAidReselects() {
        TestCard card = TestCard.initialized();
        card.expect(TestCard.VERIFY_USER, 0x9000);
        byte[] fcp = card.expectData("00 A4 04 00 00 00 0B " + AID + " 00 00");
        assertEquals(0x62, fcp[0]);
        card.expect(HsmConstants.USER_STATUS, 0x63C3);
    }

    @Test
    void selectFileByFidAnswersFileNotFoundWhenAbsent() {
        TestCard card = new TestCard(SimulatedCard.createBlank());
        card.expect(HsmConstants.SELECT, 0x9000);
        card.expect("00 A4 00 00 02 2F 02 00", 0x6A82);
        card.expect("00 A4 00 00 02 2F 03 00", 0x6A82);
    }

    @Test
    void selectFileByFidAnswersFcpWithSize() {
        byte[] cert = new byte[300];
        for (int i = 0; i < cert.length; i++) {
            cert[i] = (byte) i;
        }
        TestCard card = new TestCard(SimulatedCard.create(cert));
        card.expect(SELECT, 0x9000);
        card.expectData("00 A4 00 00 02 2F 02 00", "62 0B 80 02 01 2C 82 01 01 83 02 2F 02");
        card.expectData("00 A4 00 0C 02 2F 02", "");
    }

    @Test
    void selectFileChecksLengthAndParameters() {
        TestCard card = TestCard.selected();
        card.expect("00 A4 00 00 01 2F 00", 0x6700);
        card.expect("00 A4 00 00 00", 0x6700);
        card.expect("00 A4 08 00 02 2F 02 00", 0x6A86);
        card.expect("00 A4 00 02 02 2F 02 00", 0x6A86);
    }

    @Test
    void atrIsTheSmartCardHsmAtr() {
        TestCard card = new TestCard();
        assertArrayEquals(Hex.decode("3B FE 18 00 00 81 31 FE 45 80 31 81 54 48 53 4D 31 73 80 21 40 81 07 FA"),
                card.transport.atr());
    }
}
