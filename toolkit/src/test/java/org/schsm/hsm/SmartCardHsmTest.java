package org.schsm.hsm;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.schsm.testkit.HsmConstants.DEFAULT_SO_PIN;
import static org.schsm.testkit.HsmConstants.DKEK_STATUS;
import static org.schsm.testkit.HsmConstants.FCP_RRC;
import static org.schsm.testkit.HsmConstants.SELECT;
import static org.schsm.testkit.HsmConstants.SO_STATUS;
import static org.schsm.testkit.HsmConstants.USER_PIN_HEX;
import static org.schsm.testkit.HsmConstants.USER_STATUS;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.schsm.InvalidInputException;
import org.schsm.Remedy;
import org.schsm.apdu.Hex;
import org.schsm.apdu.StatusWordException;
import org.schsm.testkit.HsmConstants;
import org.schsm.testkit.ScriptedTransport;

class SmartCardHsmTest {
    private final ScriptedTransport card = new ScriptedTransport();
    private final SmartCardHsm hsm = new SmartCardHsm(card);

    @Test
    void selectSendsTheApduOpenScSendsAndParsesTheFcp() {
        card.expect(SELECT, FCP_RRC);
        AppletInfo info = hsm.select();
        assertEquals("3.6", info.version().toString());
        assertEquals(List.of(SELECT), card.sent());
    }

    @Test
    void selectRefusedByTheCardCarriesTheStatusWord() {
        card.expect(SELECT, "6A82");
        StatusWordException e = assertThrows(StatusWordException.class, hsm::select);
        assertEquals(0x6A82, e.statusWord().value());
        assertEquals(SELECT, e.command());
    }

    @Test
    void statusReadsEverythingWithoutSpendingATry() {
        card.expect(SELECT, FCP_RRC)
                .expect(SO_STATUS, "63CF")
                .expect(USER_STATUS, "63C3")
                .expect(DKEK_STATUS, "01 00 11 22 33 44 55 66 77 88 90 00");
        DeviceStatus status = hsm.status();
        card.assertDone();
        assertTrue(status.initialized());
        assertFalse(status.transportPinActive());
        assertEquals(15, status.soPin().triesLeft());
        assertEquals(3, status.userPin().triesLeft());
        assertEquals(Optional.of(true), status.resetRetryCounterEnabled());
        assertEquals(Optional.of(new DkekStatus(1, 0, "1122334455667788")), status.dkek().asOptional());
        assertArrayEquals(Hex.decode(HsmConstants.ATR), status.atr());
        assertEquals(List.of("Card: SmartCard-HSM version 3.6", "ATR: " + HsmConstants.ATR,
                "Options: 0001 (User PIN reset with SO-PIN enabled)", "SO-PIN tries left: 15", "user PIN tries left: 3",
                "DKEK shares: 1; DKEK key check value: 1122334455667788"), status.lines());
    }

    @Test
    void freshCardIsReportedAsNeverInitialized() {
        card.expect(SELECT, "62 17 82 01 38 84 0B " + HsmConstants.AID + " 85 05 00 00 FF 03 06 90 00")
                .expect(SO_STATUS, "6A88")
                .expect(USER_STATUS, "6A88")
                .expect(DKEK_STATUS, "6D00");
        DeviceStatus status = hsm.status();
        assertFalse(status.initialized());
        assertEquals(Optional.empty(), status.dkek().asOptional());
        assertTrue(status.lines(Object::toString).contains("Never initialized: run `Initialize[erasing=false]` to set the SO-PIN and the user PIN"));
    }

    @Test
    void transportPinIsReportedWhenTheUserPinAnswers6984() {
        card.expect(SELECT, FCP_RRC).expect(SO_STATUS, "63CF").expect(USER_STATUS, "6984").expect(DKEK_STATUS, "6A88");
        DeviceStatus status = hsm.status();
        assertTrue(status.initialized());
        assertTrue(status.transportPinActive());
    }

    @Test
    void beforeVersionTwo6984OnTheUserPinMeansNeverInitialized() {
        card.expect(SELECT, "62 04 85 02 01 07 90 00").expect(SO_STATUS, "6D00").expect(USER_STATUS, "6984")
                .expect(DKEK_STATUS, "6D00");
        DeviceStatus status = hsm.status();
        assertFalse(status.initialized());
        assertEquals(Optional.empty(), status.resetRetryCounterEnabled());
    }

    @Test
    void aRefusedDkekQueryIsShownWithItsStatusWordAndHidesNothingElse() {
        for (String sw : List.of("6B00", "6D00", "6A88", "6982", "6E00", "6F00", "6A86")) {
            ScriptedTransport c = new ScriptedTransport();
            c.expect(SELECT, FCP_RRC).expect(SO_STATUS, "63CE").expect(USER_STATUS, "63C2").expect(DKEK_STATUS, sw);
            DeviceStatus status = new SmartCardHsm(c).status();
            c.assertDone();
            assertFalse(status.dkek().isAvailable(), sw);
            assertEquals(sw, status.dkek().refusedWith().orElseThrow().hex());
            assertEquals(List.of("Card: SmartCard-HSM version 3.6", "ATR: " + HsmConstants.ATR,
                    "Options: 0001 (User PIN reset with SO-PIN enabled)", "SO-PIN tries left: 14", "user PIN tries left: 2",
                    "DKEK status not available: card answered " + org.schsm.apdu.StatusWord.parse(sw)),
                    status.lines());
        }
    }

    @Test
    void aDkekAnswerTooShortToReadIsNotAvailableRatherThanAnError() {
        card.expect(SELECT, FCP_RRC).expect(SO_STATUS, "63CF").expect(USER_STATUS, "63C3").expect(DKEK_STATUS, "01 00 90 00");
        DeviceStatus status = hsm.status();
        assertFalse(status.dkek().isAvailable());
        assertTrue(status.dkek().reason().startsWith("DKEK status has 2 bytes"), status.dkek().reason());
        assertEquals(15, status.soPin().triesLeft());
    }

    @Test
    void theDirectDkekQueryStillRaisesARefusalOtherThanNotSupported() {
        card.expect(DKEK_STATUS, "6982");
        assertThrows(org.schsm.apdu.StatusWordException.class, () -> hsm.dkekStatus());
        ScriptedTransport other = new ScriptedTransport().expect(DKEK_STATUS, "6D00");
        assertEquals(Optional.empty(), new SmartCardHsm(other).dkekStatus());
    }

    @Test
    void pendingDkekImportIsReported() {
        card.expect(DKEK_STATUS, "03 02 00 00 00 00 00 00 00 00 90 00");
        DkekStatus dkek = hsm.dkekStatus().orElseThrow();
        assertFalse(dkek.isComplete());
        assertEquals("DKEK shares: 3; DKEK import pending, 2 share(s) still missing", dkek.describe());
    }

    @Test
    void unexpectedDkekRefusalIsNotHidden() {
        card.expect(DKEK_STATUS, "6982");
        assertThrows(StatusWordException.class, hsm::dkekStatus);
    }

    @Test
    void verifySendsThePinBytesAndOverwritesTheApduBuffer() {
        card.expect(USER_STATUS, "63C3").expect("00 20 00 81 06 " + USER_PIN_HEX, "9000");
        hsm.verify(Pin.user("648219"));
        card.assertDone();
        byte[] sent = card.buffer(1);
        assertEquals("00 20 00 81 06 00 00 00 00 00 00", Hex.spaced(sent), "PIN bytes overwritten after sending");
    }

    @Test
    void guardQueryAndVerifyRunUnderOneExclusiveHoldReleasedAfterwards() {
        card.expect(USER_STATUS, "63C3").expect("00 20 00 81 06 " + USER_PIN_HEX, "63C2");
        assertThrows(WrongPinException.class, () -> hsm.verify(Pin.user("648219")));
        assertEquals(List.of(true, true), card.heldAtSend());
        assertFalse(card.isHeld(), "released also when the card refuses");
    }

    @Test
    void changeAndResetAndInitializeAlsoHoldTheCard() {
        card.expect(USER_STATUS, "63C3").expect("00 24 00 81 0C " + USER_PIN_HEX + " 31 32 33 34 35 36", "9000")
                .expect(SO_STATUS, "63CF").expect("00 2C 01 81 08 " + DEFAULT_SO_PIN, "9000");
        hsm.changeReferenceData(Pin.user("648219"), Pin.user("123456"));
        hsm.resetRetryCounter(SoPin.fromHex(SoPin.DEFAULT_HEX), null);
        card.assertDone();
        assertEquals(List.of(true, true, true, true), card.heldAtSend());
        assertFalse(card.isHeld());
    }

    @Test
    void wrongPinRaisesWrongPinExceptionWithTriesLeftAndARedactedCommand() {
        card.expect(USER_STATUS, "63C3").expect("00 20 00 81 06 " + USER_PIN_HEX, "63C2");
        WrongPinException e = assertThrows(WrongPinException.class, () -> hsm.verify(Pin.user("648219")));
        assertEquals(2, e.triesLeft());
        assertEquals(PinReference.USER, e.reference());
        assertEquals("00 20 00 81 06 **", e.command());
        assertTrue(e.getMessage().startsWith("VERIFY user PIN refused by the card: 63C2 (wrong PIN, 2 tries left)"),
                e.getMessage());
        assertFalse(e.getMessage().contains("648219"));
    }

    @Test
    void pinBlockedByThisAttemptRaisesPinBlockedException() {
        card.expect(USER_STATUS, "63C2").expect("00 20 00 81 06 " + USER_PIN_HEX, "6983");
        PinBlockedException e = assertThrows(PinBlockedException.class, () -> hsm.verify(Pin.user("648219")));
        assertTrue(e.advice().remedies().contains(new Remedy.Diagnose()), e.getMessage());
    }

    @Test
    void transportPinAndNotInitializedHaveTheirOwnExceptions() {
        card.expect(USER_STATUS, "6984").expect("00 20 00 81 06 " + USER_PIN_HEX, "6984");
        TransportPinException transport = assertThrows(TransportPinException.class, () -> hsm.verify(Pin.user("648219")));
        assertTrue(transport.advice().remedies().contains(new Remedy.ChangePin()), transport.getMessage());

        card.expect(USER_STATUS, "6A88").expect("00 20 00 81 06 " + USER_PIN_HEX, "6A88");
        assertThrows(NotInitializedException.class, () -> hsm.verify(Pin.user("648219")));
    }

    @Test
    void changeUserPinSendsOldThenNewPin() {
        card.expect(USER_STATUS, "63C3").expect("00 24 00 81 0C " + USER_PIN_HEX + " 31 32 33 34 35 36", "9000");
        hsm.changeReferenceData(Pin.user("648219"), Pin.user("123456"));
        card.assertDone();
        assertEquals("00 24 00 81 0C 00 00 00 00 00 00 00 00 00 00 00 00", Hex.spaced(card.buffer(1)));
    }

    @Test
    void changeSoPinSendsEightPlusEightBytes() {
        card.expect(SO_STATUS, "63CF").expect("00 24 00 88 10 " + DEFAULT_SO_PIN + " 01 02 03 04 05 06 07 08", "9000");
        hsm.changeReferenceData(SoPin.defaultSoPin(), SoPin.fromHex("0102030405060708"));
        card.assertDone();
    }

    @Test
    void changeBetweenDifferentPinKindsIsRefusedBeforeAnythingIsSent() {
        assertThrows(InvalidInputException.class,
                () -> hsm.changeReferenceData(Pin.user("648219"), SoPin.defaultSoPin()));
        assertEquals(List.of(), card.sent());
    }

    @Test
    void resetRetryCounterWithANewPinUsesP1Zero() {
        card.expect(SO_STATUS, "63CF").expect("00 2C 00 81 0E " + DEFAULT_SO_PIN + " " + USER_PIN_HEX, "9000");
        hsm.resetRetryCounter(SoPin.defaultSoPin(), Pin.user("648219"));
        card.assertDone();
        assertEquals("00 2C 00 81 0E" + " 00".repeat(14), Hex.spaced(card.buffer(1)));
    }

    @Test
    void resetRetryCounterWithoutANewPinUsesP1One() {
        card.expect(SO_STATUS, "63CF").expect("00 2C 01 81 08 " + DEFAULT_SO_PIN, "9000");
        hsm.resetRetryCounter(SoPin.defaultSoPin(), null);
        card.assertDone();
    }

    @Test
    void wrongSoPinInResetRetryCounterIsAboutTheSoPin() {
        card.expect(SO_STATUS, "63CF").expect("00 2C 00 81 0E " + DEFAULT_SO_PIN + " " + USER_PIN_HEX, "63CE");
        WrongPinException e = assertThrows(WrongPinException.class,
                () -> hsm.resetRetryCounter(SoPin.defaultSoPin(), Pin.user("648219")));
        assertEquals(PinReference.SO, e.reference());
        assertEquals(14, e.triesLeft());
        assertTrue(e.getMessage().contains("Count on SO-PIN tries not coming back"), e.getMessage());
    }

    @Test
    void firstInitializationSendsTheOpenScEncoding() {
        card.expect(SO_STATUS, "6A88")
                .expect("80 50 00 00 1C 80 02 00 01 81 06 36 34 38 32 31 39 82 08 35 37 36 32 31 38 38 30 91 01 03 92 01 01",
                        "9000");
        hsm.initialize(InitializeOptions.builder(SoPin.fromHex("3537363231383830"), Pin.user("648219"))
                .retryCounter(3).dkekShares(1).build());
        card.assertDone();
        assertEquals("80 50 00 00 1C" + " 00".repeat(28), Hex.spaced(card.buffer(1)));
    }

    @Test
    void initializeRefusedWith6985IsReadAsAWrongSoPinAsOpenScDoes() {
        card.expect("80 50 00 00 19 80 02 00 01 81 06 " + USER_PIN_HEX + " 82 08 " + DEFAULT_SO_PIN + " 91 01 03", "6985");
        WrongPinException e = assertThrows(WrongPinException.class, () -> hsm.withForce()
                .initialize(InitializeOptions.builder(SoPin.defaultSoPin(), Pin.user("648219")).build()));
        assertEquals(PinReference.SO, e.reference());
        assertEquals(-1, e.triesLeft());
        assertEquals("80 50 00 00 19 **", e.command());
    }

    @Test
    void logoutSelectsTheAppletAgain() {
        card.expect(SELECT, FCP_RRC);
        hsm.logout();
        card.assertDone();
    }

    @Test
    void forceIsAViewOnTheSameCard() {
        SmartCardHsm forced = hsm.withForce();
        assertTrue(forced.isForced());
        assertFalse(hsm.isForced());
        assertFalse(forced.withGuard().isForced());
        assertEquals(card, forced.transport());
    }
}
