package org.schsm.simulator;

import static org.schsm.simulator.TestCard.VERIFY_USER;
import static org.schsm.simulator.TestCard.VERIFY_WRONG_USER;
import static org.schsm.simulator.TestCard.WRONG_SO_PIN;
import static org.schsm.testkit.HsmConstants.DEFAULT_SO_PIN;
import static org.schsm.testkit.HsmConstants.SELECT;
import static org.schsm.testkit.HsmConstants.SO_STATUS;
import static org.schsm.testkit.HsmConstants.USER_PIN_HEX;
import static org.schsm.testkit.HsmConstants.USER_STATUS;

import org.junit.jupiter.api.Test;

class ChangeReferenceDataTest {
    private static final String NEW_PIN = "31 32 33 34 35 36 37 38";
    private static final String VERIFY_NEW = "00 20 00 81 08 " + NEW_PIN;

    @Test
    void changeUserPinReplacesTheOldOne() {
        TestCard card = TestCard.initialized();
        card.expect("00 24 00 81 0E " + USER_PIN_HEX + " " + NEW_PIN, 0x9000);
        card.expect(USER_STATUS, 0x9000);
        card.expect(SELECT, 0x9000);
        card.expect(VERIFY_USER, 0x63C2);
        card.expect(VERIFY_NEW, 0x9000);
    }

    @Test
    void wrongOldPinSpendsATryAndChangesNothing() {
        TestCard card = TestCard.initialized();
        card.expect("00 24 00 81 0E 31 31 31 31 31 31 " + NEW_PIN, 0x63C2);
        card.expect(USER_STATUS, 0x63C2);
        card.expect(VERIFY_NEW, 0x63C1);
        card.expect(VERIFY_USER, 0x9000);
    }

    @Test
    void badNewPinLengthAfterRightOldPinAnswersWrongLengthAndKeepsThePin() {
        TestCard card = TestCard.initialized();
        card.expect(VERIFY_WRONG_USER, 0x63C2);
        // old (6) + new 17 bytes = 23 is within 12..32 but the new part is too long
        card.expect("00 24 00 81 17 " + USER_PIN_HEX + " 31 32 33 34 35 36 37 38 39 30 31 32 33 34 35 36 37", 0x6700);
        card.expect(USER_STATUS, 0x63C3);
        card.expect(VERIFY_USER, 0x9000);
    }

    @Test
    void lengthsNoPairCouldHaveAnswerWrongLengthWithoutSpendingATry() {
        TestCard card = TestCard.initialized();
        card.expect("00 24 00 81 0B " + USER_PIN_HEX + " 31 32 33 34 35", 0x6700);
        card.expect("00 24 00 81 21 " + "31 ".repeat(33), 0x6700);
        card.expect("00 24 00 81", 0x6700);
        card.expect(USER_STATUS, 0x63C3);
    }

    @Test
    void blockedUserPinCannotBeChanged() {
        TestCard card = TestCard.initialized();
        for (int i = 0; i < 3; i++) {
            card.send(VERIFY_WRONG_USER);
        }
        card.expect("00 24 00 81 0E " + USER_PIN_HEX + " " + NEW_PIN, 0x6983);
    }

    @Test
    void changeSoPinThenOnlyTheNewOneInitializes() {
        TestCard card = TestCard.initialized();
        String newSo = "01 23 45 67 89 AB CD EF";
        card.expect("00 24 00 88 10 " + DEFAULT_SO_PIN + " " + newSo, 0x9000);
        card.expect(SO_STATUS, 0x9000);
        card.expect(TestCard.initialize("00 01"), 0x63CE);
        card.expect("80 50 00 00 19 80 02 00 01 81 06 " + USER_PIN_HEX + " 82 08 " + newSo + " 91 01 03", 0x9000);
        card.expect(SO_STATUS, 0x63CF);
    }

    @Test
    void changeSoPinChecksLengthAndOldValue() {
        TestCard card = TestCard.initialized();
        card.expect("00 24 00 88 0F " + DEFAULT_SO_PIN + " 01 23 45 67 89 AB CD", 0x6700);
        card.expect(SO_STATUS, 0x63CF);
        card.expect("00 24 00 88 10 " + WRONG_SO_PIN + " " + DEFAULT_SO_PIN, 0x63CE);
        card.expect(SO_STATUS, 0x63CE);
    }

    @Test
    void parametersAndStateAreChecked() {
        TestCard fresh = TestCard.selected();
        fresh.expect("00 24 00 81 0E " + USER_PIN_HEX + " " + NEW_PIN, 0x6A88);
        fresh.expect("00 24 00 88 10 " + DEFAULT_SO_PIN + " " + DEFAULT_SO_PIN, 0x6A88);
        TestCard card = TestCard.initialized();
        card.expect("00 24 01 81 0E " + USER_PIN_HEX + " " + NEW_PIN, 0x6A86);
        card.expect("00 24 00 83 0E " + USER_PIN_HEX + " " + NEW_PIN, 0x6A88);
    }

    @Test
    void transportPinMustBeChangedBeforeUse() {
        TestCard card = TestCard.selected();
        card.expect(TestCard.initialize("00 03"), 0x9000);
        byte[] fcp = card.expectData(SELECT);
        org.junit.jupiter.api.Assertions.assertEquals(0x03, fcp[fcp.length - 4]);
        card.expect(USER_STATUS, 0x6984);
        card.expect(VERIFY_USER, 0x6984);
        card.expect(VERIFY_WRONG_USER, 0x6984);
        card.expect("00 24 00 81 0E " + USER_PIN_HEX + " " + NEW_PIN, 0x9000);
        card.expect(SELECT, 0x9000);
        card.expect(USER_STATUS, 0x63C3);
        card.expect(VERIFY_NEW, 0x9000);
        fcp = card.expectData(SELECT);
        org.junit.jupiter.api.Assertions.assertEquals(0x01, fcp[fcp.length - 4]);
    }

    @Test
    void wrongTransportPinSpendsTries() {
        TestCard card = TestCard.selected();
        card.expect(TestCard.initialize("00 03"), 0x9000);
        card.expect("00 24 00 81 0E 31 31 31 31 31 31 " + NEW_PIN, 0x63C2);
        card.expect("00 24 00 81 0E 31 31 31 31 31 31 " + NEW_PIN, 0x63C1);
        card.expect(USER_STATUS, 0x6984);
        card.expect("00 24 00 81 0E 31 31 31 31 31 31 " + NEW_PIN, 0x6983);
        card.expect(USER_STATUS, 0x6983);
    }
}
