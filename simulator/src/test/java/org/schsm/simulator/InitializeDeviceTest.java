package org.schsm.simulator;

import static org.schsm.simulator.TestCard.INITIALIZE_TOOL;
import static org.schsm.simulator.TestCard.VERIFY_USER;
import static org.schsm.simulator.TestCard.WRONG_SO_PIN;
import static org.schsm.testkit.HsmConstants.DEFAULT_SO_PIN;
import static org.schsm.testkit.HsmConstants.DKEK_STATUS;
import static org.schsm.testkit.HsmConstants.SELECT;
import static org.schsm.testkit.HsmConstants.SO_STATUS;
import static org.schsm.testkit.HsmConstants.USER_PIN_HEX;
import static org.schsm.testkit.HsmConstants.USER_STATUS;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.schsm.testkit.HsmConstants;

class InitializeDeviceTest {
    private static final String REINIT_WRONG_SO =
            "80 50 00 00 19 80 02 00 01 81 06 " + USER_PIN_HEX + " 82 08 " + WRONG_SO_PIN + " 91 01 03";
    private static final String WRITE_CF01 = "00 D7 CF 01 09 54 02 00 00 53 03 AA BB CC";

    @Test
    void freshCardReportsNeverInitializedForBothReferences() {
        TestCard card = TestCard.selected();
        card.expect(USER_STATUS, 0x6A88);
        card.expect(SO_STATUS, 0x6A88);
        card.expect(VERIFY_USER, 0x6A88);
    }

    @Test
    void scHsmToolInitializationSucceedsAndSetsCounters() {
        TestCard card = TestCard.selected();
        card.expect(INITIALIZE_TOOL, 0x9000);
        card.expect(USER_STATUS, 0x63C3);
        card.expect(SO_STATUS, 0x63CF);
        card.expect(VERIFY_USER, 0x9000);
    }

    @Test
    void initializationLeavesTheSessionLoggedOut() {
        TestCard card = TestCard.initialized();
        card.expect(VERIFY_USER, 0x9000);
        card.expect(TestCard.initialize("00 01"), 0x9000);
        card.expect(USER_STATUS, 0x63C3);
    }

    @Test
    void retryCounterTagSetsTheUserPinTries() {
        TestCard card = TestCard.selected();
        card.expect("80 50 00 00 19 80 02 00 01 81 06 " + USER_PIN_HEX + " 82 08 " + DEFAULT_SO_PIN + " 91 01 0A", 0x9000);
        card.expect(USER_STATUS, 0x63CA);
    }

    @Test
    void missingRetryCounterDefaultsToThree() {
        TestCard card = TestCard.selected();
        card.expect("80 50 00 00 16 80 02 00 01 81 06 " + USER_PIN_HEX + " 82 08 " + DEFAULT_SO_PIN, 0x9000);
        card.expect(USER_STATUS, 0x63C3);
    }

    @Test
    void unknownTagsAreIgnored() {
        TestCard card = TestCard.selected();
        card.expect("80 50 00 00 1E 80 02 00 01 81 06 " + USER_PIN_HEX + " 82 08 " + DEFAULT_SO_PIN
                + " 95 02 01 02 5F 20 01 00", 0x9000);
        card.expect(USER_STATUS, 0x63C3);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {
        // user PIN 5 bytes
        "80 50 00 00 18 80 02 00 01 81 05 31 32 33 34 35 82 08 " + DEFAULT_SO_PIN + " 91 01 03",
        // user PIN 17 bytes
        "80 50 00 00 24 80 02 00 01 81 11 31 32 33 34 35 36 37 38 39 30 31 32 33 34 35 36 37 82 08 "
            + DEFAULT_SO_PIN + " 91 01 03",
        // SO-PIN 7 bytes
        "80 50 00 00 18 80 02 00 01 81 06 " + USER_PIN_HEX + " 82 07 35 37 36 32 31 38 38 91 01 03",
        // retry counter 0 and 11
        "80 50 00 00 19 80 02 00 01 81 06 " + USER_PIN_HEX + " 82 08 " + DEFAULT_SO_PIN + " 91 01 00",
        "80 50 00 00 19 80 02 00 01 81 06 " + USER_PIN_HEX + " 82 08 " + DEFAULT_SO_PIN + " 91 01 0B",
        // options 1 byte
        "80 50 00 00 18 80 01 01 81 06 " + USER_PIN_HEX + " 82 08 " + DEFAULT_SO_PIN + " 91 01 03",
        // no user PIN, no SO-PIN
        "80 50 00 00 11 80 02 00 01 82 08 " + DEFAULT_SO_PIN + " 91 01 03",
        "80 50 00 00 0F 80 02 00 01 81 06 " + USER_PIN_HEX + " 91 01 03",
        // tag repeated
        "80 50 00 00 1D 80 02 00 01 81 06 " + USER_PIN_HEX + " 82 08 " + DEFAULT_SO_PIN + " 91 01 03 80 02 00 01",
        // value runs past the end, length byte missing, unsupported long length form
        "80 50 00 00 19 80 02 00 01 81 06 " + USER_PIN_HEX + " 82 08 " + DEFAULT_SO_PIN + " 91 05 03",
        "80 50 00 00 17 80 02 00 01 81 06 " + USER_PIN_HEX + " 82 08 " + DEFAULT_SO_PIN + " 91",
        "80 50 00 00 1A 80 02 00 01 81 06 " + USER_PIN_HEX + " 82 08 " + DEFAULT_SO_PIN + " 91 82 00 01 03",
    })
    void malformedDataAnswersWrongDataAndInitializesNothing(String apdu) {
        TestCard card = TestCard.selected();
        card.expect(apdu, 0x6A80);
        card.expect(SO_STATUS, 0x6A88);
    }

    @Test
    void emptyDataAnswersWrongLength() {
        TestCard card = TestCard.selected();
        card.expect("80 50 00 00", 0x6700);
        card.expect("80 50 00 00 00", 0x6700);
    }

    @Test
    void nonZeroP1P2AnswersIncorrectParameters() {
        TestCard card = TestCard.selected();
        card.expect(INITIALIZE_TOOL.replace("80 50 00 00", "80 50 01 00"), 0x6A86);
        card.expect(INITIALIZE_TOOL.replace("80 50 00 00", "80 50 00 01"), 0x6A86);
        card.expect(SO_STATUS, 0x6A88);
    }

    @Test
    void publicKeyAuthenticationIsNotSupported() {
        TestCard card = TestCard.selected();
        card.expect("80 50 00 00 1D 80 02 00 01 81 06 " + USER_PIN_HEX + " 82 08 " + DEFAULT_SO_PIN + " 91 01 03 93 02 01 01",
                0x6A81);
        card.expect(SO_STATUS, 0x6A88);
    }

    @Test
    void reinitializationWithTheRightSoPinErasesFilesAndSetsNewPins() {
        TestCard card = TestCard.initialized();
        card.expect(VERIFY_USER, 0x9000);
        card.expect(WRITE_CF01, 0x9000);
        card.expect("80 50 00 00 1A 80 02 00 00 81 07 31 32 33 34 35 36 37 82 08 " + DEFAULT_SO_PIN + " 91 01 05", 0x9000);
        card.expect(USER_STATUS, 0x63C5);
        card.expect(VERIFY_USER, 0x63C4);
        card.expect("00 20 00 81 07 31 32 33 34 35 36 37", 0x9000);
        card.expectData("80 58 00 00 00", "2F 02 CC 00");
        card.expect("00 A4 00 00 02 CF 01 00", 0x6A82);
        card.expectData(SELECT, "62 17 82 01 38 84 0B " + HsmConstants.AID + " 85 05 00 00 FF 03 06");
    }

    @Test
    void reinitializationWithAWrongSoPinSpendsATryAndErasesNothing() {
        TestCard card = TestCard.initialized();
        card.expect(VERIFY_USER, 0x9000);
        card.expect(WRITE_CF01, 0x9000);
        card.expect(REINIT_WRONG_SO, 0x63CE);
        card.expect(SO_STATUS, 0x63CE);
        card.expect(VERIFY_USER, 0x9000);
        card.expectData("00 B1 CF 01 04 54 02 00 00 00", "AA BB CC");
        card.expectData("80 58 00 00 00", "2F 02 CF 01 CC 00");
        card.expect(DKEK_STATUS, 0x9000);
    }

    @Test
    void aCorrectSoPinRestoresTheSoCounter() {
        TestCard card = TestCard.initialized();
        card.expect(REINIT_WRONG_SO, 0x63CE);
        card.expect(REINIT_WRONG_SO, 0x63CD);
        card.expect(TestCard.initialize("00 01"), 0x9000);
        card.expect(SO_STATUS, 0x63CF);
    }

    @Test
    void aBlockedSoPinRefusesInitializationForGood() {
        TestCard card = TestCard.initialized();
        for (int left = 14; left >= 1; left--) {
            card.expect(REINIT_WRONG_SO, 0x63C0 | left);
        }
        card.expect(REINIT_WRONG_SO, 0x6983);
        card.expect(SO_STATUS, 0x6983);
        card.expect(TestCard.initialize("00 01"), 0x6983);
        card.expect("00 20 00 88 08 " + DEFAULT_SO_PIN, 0x6983);
        card.card.powerCycle();
        card.expect(SELECT, 0x9000);
        card.expect(TestCard.initialize("00 01"), 0x6983);
        card.expect(SO_STATUS, 0x6983);
        // the user PIN keeps working
        card.expect(VERIFY_USER, 0x9000);
    }

    @Test
    void fourteenWrongThenRightSoPinStillInitializes() {
        TestCard card = TestCard.initialized();
        for (int left = 14; left >= 1; left--) {
            card.expect(REINIT_WRONG_SO, 0x63C0 | left);
        }
        card.expect(TestCard.initialize("00 01"), 0x9000);
        card.expect(SO_STATUS, 0x63CF);
    }

    @Test
    void malformedReinitializationSpendsNoSoTry() {
        TestCard card = TestCard.initialized();
        card.expect("80 50 00 00 18 80 02 00 01 81 06 " + USER_PIN_HEX + " 82 07 30 30 30 30 30 30 30 91 01 03", 0x6A80);
        card.expect(SO_STATUS, 0x63CF);
    }
}
