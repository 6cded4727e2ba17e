package org.schsm.hsm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.schsm.testkit.HsmConstants.DEFAULT_SO_PIN;
import static org.schsm.testkit.HsmConstants.SO_STATUS;
import static org.schsm.testkit.HsmConstants.USER_PIN_HEX;
import static org.schsm.testkit.HsmConstants.USER_STATUS;

import java.util.EnumSet;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.schsm.Remedy;
import org.schsm.SchsmException;
import org.schsm.hsm.BrickGuardException.Reason;
import org.schsm.testkit.ScriptedTransport;

class BrickGuardTest {
    private static final String VERIFY_648219 = "00 20 00 81 06 " + USER_PIN_HEX;
    private static final String INITIALIZE = "80 50 00 00 19 80 02 00 01 81 06 " + USER_PIN_HEX + " 82 08 " + DEFAULT_SO_PIN
            + " 91 01 03";

    private final ScriptedTransport card = new ScriptedTransport();
    private final SmartCardHsm hsm = new SmartCardHsm(card);

    private static InitializeOptions initOptions() {
        return InitializeOptions.builder(SoPin.defaultSoPin(), Pin.user("648219")).build();
    }

    private static String firstLine(Exception e) {
        return e.getMessage().lines().findFirst().orElseThrow();
    }

    @Test
    void verifyWithOneTryLeftIsRefusedAfterOnlyTheStatusQuery() {
        card.expect(USER_STATUS, "63C1");
        BrickGuardException e = assertThrows(BrickGuardException.class, () -> hsm.verify(Pin.user("648219")));
        assertEquals(List.of(USER_STATUS), card.sent(), "nothing but the status query was sent");
        assertEquals(EnumSet.of(Reason.LAST_TRY), e.reasons());
        assertEquals("Refused: VERIFY user PIN would spend the last try of the user PIN (1 left): a wrong value blocks it.",
                firstLine(e));
        assertTrue(e.advice().remedies().contains(new Remedy.Force()), e.getMessage());
        assertTrue(e.advice().remedies().contains(new Remedy.UnblockPin(false)), e.getMessage());
        assertTrue(e instanceof SchsmException);
    }

    @Test
    void verifyWithOneTryLeftIsSentWhenForcedWithoutAStatusQuery() {
        card.expect(VERIFY_648219, "9000");
        hsm.withForce().verify(Pin.user("648219"));
        card.assertDone();
    }

    @Test
    void verifyWithTwoTriesLeftOrAfterAVerificationIsAllowed() {
        card.expect(USER_STATUS, "63C2").expect(VERIFY_648219, "9000")
                .expect(USER_STATUS, "9000").expect(VERIFY_648219, "9000");
        hsm.verify(Pin.user("648219"));
        hsm.verify(Pin.user("648219"));
        card.assertDone();
    }

    @Test
    void changeOfTheUserPinWithOneTryLeftIsRefused() {
        card.expect(USER_STATUS, "63C1");
        BrickGuardException e = assertThrows(BrickGuardException.class,
                () -> hsm.changeReferenceData(Pin.user("648219"), Pin.user("123456")));
        assertEquals(List.of(USER_STATUS), card.sent());
        assertTrue(firstLine(e).startsWith("Refused: CHANGE REFERENCE DATA user PIN would spend the last try"), firstLine(e));
    }

    @Test
    void changeOfTheSoPinWithOneTryLeftIsRefusedAndExplainsThatItIsFinal() {
        card.expect(SO_STATUS, "63C1");
        BrickGuardException e = assertThrows(BrickGuardException.class,
                () -> hsm.changeReferenceData(SoPin.defaultSoPin(), SoPin.fromHex("0102030405060708")));
        assertEquals(List.of(SO_STATUS), card.sent());
        assertTrue(e.getMessage().contains("A blocked SO-PIN can never be unblocked"), e.getMessage());
    }

    @Test
    void unblockWithOneSoTryLeftIsRefusedAndSentWhenForced() {
        card.expect(SO_STATUS, "63C1");
        BrickGuardException e = assertThrows(BrickGuardException.class,
                () -> hsm.resetRetryCounter(SoPin.defaultSoPin(), Pin.user("648219")));
        assertEquals(EnumSet.of(Reason.LAST_TRY), e.reasons());
        assertTrue(firstLine(e).startsWith("Refused: RESET RETRY COUNTER (it presents the SO-PIN) would spend the last try of the SO-PIN"),
                firstLine(e));

        card.expect("00 2C 00 81 0E " + DEFAULT_SO_PIN + " " + USER_PIN_HEX, "9000");
        hsm.withForce().resetRetryCounter(SoPin.defaultSoPin(), Pin.user("648219"));
        card.assertDone();
        assertEquals(2, card.sent().size());
    }

    @Test
    void verifyOfABlockedUserPinIsRefusedWithTheRecoveryPath() {
        card.expect(USER_STATUS, "6983");
        BrickGuardException e = assertThrows(BrickGuardException.class, () -> hsm.verify(Pin.user("648219")));
        assertEquals(EnumSet.of(Reason.BLOCKED), e.reasons());
        assertEquals("Refused: VERIFY user PIN was not sent because the user PIN is blocked; the card would refuse"
                + " even the right value.", firstLine(e));
        assertTrue(e.advice().remedies().contains(new Remedy.UnblockPin(true)), e.getMessage());
        assertTrue(e.advice().remedies().contains(new Remedy.Initialize(true)), e.getMessage());
    }

    @Test
    void unblockWithABlockedSoPinIsRefusedBecauseNothingCanHelp() {
        card.expect(SO_STATUS, "6983");
        BrickGuardException e = assertThrows(BrickGuardException.class,
                () -> hsm.resetRetryCounter(SoPin.defaultSoPin(), null));
        assertEquals(List.of(SO_STATUS), card.sent());
        assertTrue(e.getMessage().contains("No command unblocks the SO-PIN"), e.getMessage());
    }

    @Test
    void reinitializationOfAnInitializedDeviceIsRefusedBecauseItErasesKeys() {
        card.expect(SO_STATUS, "63CF");
        BrickGuardException e = assertThrows(BrickGuardException.class, () -> hsm.initialize(initOptions()));
        assertEquals(List.of(SO_STATUS), card.sent(), "INITIALIZE not sent");
        assertEquals(EnumSet.of(Reason.ERASES_KEYS), e.reasons());
        assertEquals("Refused: INITIALIZE DEVICE would erase every key, certificate and file on this already"
                + " initialized device.", firstLine(e));
        assertTrue(e.advice().remedies().contains(new Remedy.Force()), e.getMessage());
    }

    @Test
    void reinitializationWithTheLastSoTryNamesBothRisks() {
        card.expect(SO_STATUS, "63C1");
        BrickGuardException e = assertThrows(BrickGuardException.class, () -> hsm.initialize(initOptions()));
        assertEquals(EnumSet.of(Reason.ERASES_KEYS, Reason.LAST_TRY), e.reasons());
        assertTrue(e.getMessage().contains("which has 1 try left"), e.getMessage());
    }

    @Test
    void reinitializationWhileTheSoPinIsVerifiedStillNeedsForce() {
        card.expect(SO_STATUS, "9000");
        assertThrows(BrickGuardException.class, () -> hsm.initialize(initOptions()));
    }

    @Test
    void reinitializationIsSentWhenForced() {
        card.expect(INITIALIZE, "9000");
        hsm.withForce().initialize(initOptions());
        card.assertDone();
    }

    @Test
    void initializationOfABlockedSoPinIsRefused() {
        card.expect(SO_STATUS, "6983");
        BrickGuardException e = assertThrows(BrickGuardException.class, () -> hsm.initialize(initOptions()));
        assertEquals(EnumSet.of(Reason.BLOCKED), e.reasons());
    }

    @Test
    void firstInitializationPassesTheGuard() {
        card.expect(SO_STATUS, "6A88").expect(INITIALIZE, "9000");
        hsm.initialize(initOptions());
        card.assertDone();
    }

    @Test
    void guardMessagesNeverContainThePin() {
        card.expect(USER_STATUS, "63C1");
        BrickGuardException e = assertThrows(BrickGuardException.class, () -> hsm.verify(Pin.user("982734")));
        assertTrue(!e.getMessage().contains("982734"));
    }
}
