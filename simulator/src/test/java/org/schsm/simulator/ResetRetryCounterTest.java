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

class ResetRetryCounterTest {
    private static final String NEW_PIN = "39 39 39 39 39 39 39";

    private static TestCard blocked(String options) {
        TestCard card = TestCard.selected();
        card.expect(TestCard.initialize(options), 0x9000);
        for (int i = 0; i < 3; i++) {
            card.send(VERIFY_WRONG_USER);
        }
        card.expect(USER_STATUS, 0x6983);
        return card;
    }

    @Test
    void soPinAndNewPinUnblocksAndReplacesTheUserPin() {
        TestCard card = blocked("00 01");
        card.expect("00 2C 00 81 0F " + DEFAULT_SO_PIN + " " + NEW_PIN, 0x9000);
        card.expect(USER_STATUS, 0x63C3);
        card.expect(VERIFY_USER, 0x63C2);
        card.expect("00 20 00 81 07 " + NEW_PIN, 0x9000);
        card.expect(SO_STATUS, 0x63CF);
    }

    @Test
    void soPinOnlyResetsTheCounterAndKeepsThePin() {
        TestCard card = blocked("00 01");
        card.expect("00 2C 01 81 08 " + DEFAULT_SO_PIN, 0x9000);
        card.expect(USER_STATUS, 0x63C3);
        card.expect(VERIFY_USER, 0x9000);
    }

    @Test
    void withoutTheResetOptionTheCommandIsNotAllowedAndNoSoTryIsSpent() {
        TestCard card = blocked("00 00");
        card.expect("00 2C 00 81 0F " + WRONG_SO_PIN + " " + NEW_PIN, 0x6986);
        card.expect("00 2C 01 81 08 " + DEFAULT_SO_PIN, 0x6986);
        card.expect(SO_STATUS, 0x63CF);
        card.expect(USER_STATUS, 0x6983);
    }

    @Test
    void wrongSoPinSpendsAnSoTryAndLeavesTheUserPinBlocked() {
        TestCard card = blocked("00 01");
        card.expect("00 2C 00 81 0F " + WRONG_SO_PIN + " " + NEW_PIN, 0x63CE);
        card.expect("00 2C 01 81 08 " + WRONG_SO_PIN, 0x63CD);
        card.expect(SO_STATUS, 0x63CD);
        card.expect(USER_STATUS, 0x6983);
    }

    @Test
    void blockedSoPinCannotResetTheUserPin() {
        TestCard card = blocked("00 01");
        for (int i = 0; i < 15; i++) {
            card.send("00 2C 01 81 08 " + WRONG_SO_PIN);
        }
        card.expect(SO_STATUS, 0x6983);
        card.expect("00 2C 01 81 08 " + DEFAULT_SO_PIN, 0x6983);
        card.expect("00 2C 00 81 0F " + DEFAULT_SO_PIN + " " + NEW_PIN, 0x6983);
        card.expect(USER_STATUS, 0x6983);
    }

    @Test
    void lengthsAreCheckedBeforeAnySoTryIsSpent() {
        TestCard card = blocked("00 01");
        card.expect("00 2C 00 81 08 " + DEFAULT_SO_PIN, 0x6700);
        card.expect("00 2C 00 81 0D " + DEFAULT_SO_PIN + " 31 32 33 34 35", 0x6700);
        card.expect("00 2C 00 81 19 " + DEFAULT_SO_PIN + " " + "31 ".repeat(17), 0x6700);
        card.expect("00 2C 01 81 09 " + DEFAULT_SO_PIN + " 31", 0x6700);
        card.expect("00 2C 01 81 07 35 37 36 32 31 38 38", 0x6700);
        card.expect("00 2C 01 81", 0x6700);
        card.expect(SO_STATUS, 0x63CF);
    }

    @Test
    void parametersAreChecked() {
        TestCard card = blocked("00 01");
        card.expect("00 2C 00 88 0F " + DEFAULT_SO_PIN + " " + NEW_PIN, 0x6A88);
        card.expect("00 2C 01 82 08 " + DEFAULT_SO_PIN, 0x6A88);
        card.expect("00 2C 04 81 08 " + DEFAULT_SO_PIN, 0x6A86);
        card.expect("00 2C 80 81 08 " + DEFAULT_SO_PIN, 0x6A86);
        TestCard fresh = TestCard.selected();
        fresh.expect("00 2C 01 81 08 " + DEFAULT_SO_PIN, 0x6A88);
    }

    @Test
    void modesTwoAndThreeNeedAVerifiedSoPin() {
        TestCard card = blocked("00 01");
        card.expect("00 2C 02 81 07 " + NEW_PIN, 0x6982);
        card.expect("00 2C 03 81", 0x6982);
        card.expect("00 20 00 88 08 " + DEFAULT_SO_PIN, 0x9000);
        card.expect("00 2C 03 81", 0x9000);
        card.expect(USER_STATUS, 0x63C3);
        card.expect("00 2C 02 81 07 " + NEW_PIN, 0x9000);
        card.expect("00 20 00 81 07 " + NEW_PIN, 0x9000);
        card.expect(SELECT, 0x9000);
        card.expect("00 2C 03 81", 0x6982);
    }

    @Test
    void resetEndsAVerifiedUserSession() {
        TestCard card = TestCard.initialized();
        card.expect(VERIFY_USER, 0x9000);
        card.expect("00 2C 01 81 08 " + DEFAULT_SO_PIN, 0x9000);
        card.expect(USER_STATUS, 0x63C3);
    }

    @Test
    void resetWithNewPinKeepsTheConfiguredRetryCounter() {
        TestCard card = TestCard.selected();
        card.expect("80 50 00 00 19 80 02 00 01 81 06 " + USER_PIN_HEX + " 82 08 " + DEFAULT_SO_PIN + " 91 01 05", 0x9000);
        card.expect(VERIFY_WRONG_USER, 0x63C4);
        card.expect("00 2C 00 81 0F " + DEFAULT_SO_PIN + " " + NEW_PIN, 0x9000);
        card.expect(USER_STATUS, 0x63C5);
    }
}
