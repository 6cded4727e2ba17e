package org.schsm.simulator;

import static org.schsm.simulator.TestCard.VERIFY_USER;
import static org.schsm.simulator.TestCard.VERIFY_WRONG_USER;
import static org.schsm.testkit.HsmConstants.DEFAULT_SO_PIN;
import static org.schsm.testkit.HsmConstants.SO_STATUS;
import static org.schsm.testkit.HsmConstants.USER_STATUS;

import org.junit.jupiter.api.Test;
import org.schsm.testkit.HsmConstants;

class VerifyTest {

    @Test
    void rightUserPinVerifiesAndStatusThenReportsVerified() {
        TestCard card = TestCard.initialized();
        card.expect(VERIFY_USER, 0x9000);
        card.expect(USER_STATUS, 0x9000);
    }

    @Test
    void wrongUserPinDecrementsRetryCounterUntilBlocked() {
        TestCard card = TestCard.initialized();
        card.expect(VERIFY_WRONG_USER, 0x63C2);
        card.expect(USER_STATUS, 0x63C2);
        card.expect(VERIFY_WRONG_USER, 0x63C1);
        card.expect(VERIFY_WRONG_USER, 0x6983);
        card.expect(USER_STATUS, 0x6983);
    }

    @Test
    void rightPinOnABlockedReferenceIsRefused() {
        TestCard card = TestCard.initialized();
        for (int i = 0; i < 3; i++) {
            card.send(VERIFY_WRONG_USER);
        }
        card.expect(VERIFY_USER, 0x6983);
        card.expect(USER_STATUS, 0x6983);
        card.expect(VERIFY_WRONG_USER, 0x6983);
    }

    @Test
    void rightPinRestoresTheCounter() {
        TestCard card = TestCard.initialized();
        card.expect(VERIFY_WRONG_USER, 0x63C2);
        card.expect(VERIFY_WRONG_USER, 0x63C1);
        card.expect(VERIFY_USER, 0x9000);
        card.expect(HsmConstants.SELECT, 0x9000);
        card.expect(USER_STATUS, 0x63C3);
    }

    @Test
    void statusQueryAsCaseTwoSpendsNothing() {
        TestCard card = TestCard.initialized();
        card.expect("00 20 00 81 00", 0x63C3);
        card.expect("00 20 00 88 00", 0x63CF);
        card.expect(USER_STATUS, 0x63C3);
        card.expect(SO_STATUS, 0x63CF);
    }

    @Test
    void wrongPinOfAnotherValidLengthSpendsATry() {
        TestCard card = TestCard.initialized();
        card.expect("00 20 00 81 08 36 34 38 32 31 39 30 30", 0x63C2);
        card.expect("00 20 00 81 10 36 34 38 32 31 39 30 30 30 30 30 30 30 30 30 30", 0x63C1);
    }

    @Test
    void impossiblePinLengthAnswersWrongLengthWithoutSpendingATry() {
        TestCard card = TestCard.initialized();
        card.expect("00 20 00 81 05 36 34 38 32 31", 0x6700);
        card.expect("00 20 00 81 11 36 34 38 32 31 39 30 30 30 30 30 30 30 30 30 30 30", 0x6700);
        card.expect("00 20 00 81 01 36", 0x6700);
        card.expect(USER_STATUS, 0x63C3);
        card.expect("00 20 00 88 07 35 37 36 32 31 38 38", 0x6700);
        card.expect("00 20 00 88 09 35 37 36 32 31 38 38 30 30", 0x6700);
        card.expect(SO_STATUS, 0x63CF);
    }

    @Test
    void failedVerificationEndsAVerifiedSession() {
        TestCard card = TestCard.initialized();
        card.expect(VERIFY_USER, 0x9000);
        card.expect(VERIFY_WRONG_USER, 0x63C2);
        card.expect(USER_STATUS, 0x63C2);
    }

    @Test
    void soPinCanBeVerifiedWithData() {
        TestCard card = TestCard.initialized();
        card.expect("00 20 00 88 08 " + TestCard.WRONG_SO_PIN, 0x63CE);
        card.expect(SO_STATUS, 0x63CE);
        card.expect("00 20 00 88 08 " + DEFAULT_SO_PIN, 0x9000);
        card.expect(SO_STATUS, 0x9000);
        card.expect(USER_STATUS, 0x63C3);
        card.card.powerCycle();
        card.expect(HsmConstants.SELECT, 0x9000);
        card.expect(SO_STATUS, 0x63CF);
    }

    @Test
    void wrongP1AnswersIncorrectParametersAndUnknownReferenceAnswersReferenceNotFound() {
        TestCard card = TestCard.initialized();
        card.expect("00 20 01 81", 0x6A86);
        card.expect("00 20 01 81 06 " + HsmConstants.USER_PIN_HEX, 0x6A86);
        card.expect("00 20 00 82", 0x6A88);
        card.expect("00 20 00 01 06 " + HsmConstants.USER_PIN_HEX, 0x6A88);
        card.expect("00 20 00 00", 0x6A88);
        card.expect(USER_STATUS, 0x63C3);
    }

    @Test
    void powerCycleEndsTheSessionButKeepsCounters() {
        TestCard card = TestCard.initialized();
        card.expect(VERIFY_WRONG_USER, 0x63C2);
        card.expect(VERIFY_USER, 0x9000);
        card.expect(VERIFY_WRONG_USER, 0x63C2);
        card.expect(VERIFY_USER, 0x9000);
        card.card.powerCycle();
        card.expect(HsmConstants.SELECT, 0x9000);
        card.expect(USER_STATUS, 0x63C3);
        card.expect(VERIFY_WRONG_USER, 0x63C2);
        card.card.powerCycle();
        card.expect(HsmConstants.SELECT, 0x9000);
        card.expect(USER_STATUS, 0x63C2);
    }

    @Test
    void verifyBeforeSelectIsNotAnsweredByTheApplet() {
        TestCard card = TestCard.initialized();
        card.card.powerCycle();
        // jCardSim answers 6986 when no applet is selected
        card.expect(USER_STATUS, 0x6986);
    }
}
