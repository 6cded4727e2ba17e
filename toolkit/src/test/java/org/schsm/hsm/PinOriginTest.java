package org.schsm.hsm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.schsm.testkit.HsmConstants.DEFAULT_SO_PIN;
import static org.schsm.testkit.HsmConstants.SO_STATUS;
import static org.schsm.testkit.HsmConstants.USER_PIN_HEX;
import static org.schsm.testkit.HsmConstants.USER_STATUS;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.schsm.apdu.StatusWord;
import org.schsm.testkit.ScriptedTransport;

/** A PIN's origin hears the card's answer, and a value refused before is not presented again unless forced. */
class PinOriginTest {
    private final ScriptedTransport card = new ScriptedTransport();

    /** An origin that remembers what it was told, like the secret store does. */
    static final class Recording implements PinOrigin {
        final List<String> events = new ArrayList<>();
        final PinReference reference;
        String refusal;

        Recording(PinReference reference) {
            this.reference = reference;
        }

        @Override
        public String describe() {
            return "secret 'lab'";
        }

        @Override
        public Optional<PinReference> reference() {
            return Optional.ofNullable(reference);
        }

        @Override
        public Optional<String> refusedBefore() {
            return Optional.ofNullable(refusal);
        }

        @Override
        public String remedy() {
            return "Update it, or";
        }

        @Override
        public void refused(StatusWord statusWord) {
            events.add("refused " + Integer.toHexString(statusWord.value()).toUpperCase());
            refusal = "the card refused it";
        }

        @Override
        public void accepted() {
            events.add("accepted");
            refusal = null;
        }
    }

    private static char[] chars(String s, PinOrigin origin) {
        return PinOrigins.attach(s.toCharArray(), origin);
    }

    @Test
    void aRefusalIsReportedAndTheNextAttemptIsRefusedBeforeAnythingIsSent() {
        Recording origin = new Recording(PinReference.USER);
        SmartCardHsm hsm = new SmartCardHsm(card);
        card.expect(USER_STATUS, "63C3").expect("00 20 00 81 06 " + USER_PIN_HEX, "63C2");
        assertThrows(WrongPinException.class, () -> hsm.verify(chars("648219", origin)));
        assertEquals(List.of("refused 63C2"), origin.events);

        card.expect(USER_STATUS, "63C2");   // only the status query: the PIN is not presented
        BrickGuardException e = assertThrows(BrickGuardException.class, () -> hsm.verify(chars("648219", origin)));
        assertTrue(e.reasons().contains(BrickGuardException.Reason.REFUSED_BEFORE));
        assertTrue(e.getMessage().startsWith("Refused: VERIFY user PIN was not sent: the card refused it"), e.getMessage());
        assertTrue(e.message(Object::toString).contains("Update it, or add Force[]"), e.getMessage());
        card.assertDone();
    }

    @Test
    void aRefusalCarriesTheCommandWithoutThePin() {
        card.expect(USER_STATUS, "63C3").expect("00 20 00 81 06 " + USER_PIN_HEX, "63C2");
        WrongPinException e = assertThrows(WrongPinException.class, () -> new SmartCardHsm(card).verify("648219"));
        assertEquals("00 20 00 81 06 **", e.command());
        String everything = e.getMessage() + e.command() + e;
        assertFalse(everything.contains("648219") || everything.contains("363438323139")
                || everything.contains(USER_PIN_HEX), everything);
    }

    @Test
    void aForcedAttemptThatTheCardAcceptsClearsTheRefusal() {
        Recording origin = new Recording(PinReference.USER);
        origin.refusal = "refused yesterday";
        card.expect("00 20 00 81 06 " + USER_PIN_HEX, "9000");
        new SmartCardHsm(card).withForce().verify(chars("648219", origin));
        assertEquals(List.of("accepted"), origin.events);
        card.assertDone();
    }

    @Test
    void changeReportsTheOldValueAndUnblockTheSoPin() {
        Recording old = new Recording(PinReference.USER);
        Recording fresh = new Recording(PinReference.USER);
        SmartCardHsm hsm = new SmartCardHsm(card);
        card.expect(USER_STATUS, "63C3").expect("00 24 00 81 0C " + USER_PIN_HEX + " 31 32 33 34 35 36", "63C2");
        assertThrows(WrongPinException.class, () -> hsm.changePin(chars("648219", old), chars("123456", fresh)));
        assertEquals(List.of("refused 63C2"), old.events);
        assertEquals(List.of(), fresh.events, "the new value was not checked by the card");

        Recording so = new Recording(PinReference.SO);
        card.expect(SO_STATUS, "63CF").expect("00 2C 01 81 08 " + DEFAULT_SO_PIN, "9000");
        hsm.unblock(chars("3537363231383830", so));
        assertEquals(List.of("accepted"), so.events);
        card.assertDone();
    }

    @Test
    void aValueStoredForTheSoPinIsNotMadeIntoAUserPin() {
        Recording so = new Recording(PinReference.SO);
        PinFormatException e = assertThrows(PinFormatException.class, () -> Pin.user(chars("3537363231383830", so)));
        assertEquals("secret 'lab' is stored for the SO-PIN, not for the user PIN", e.getMessage());
        assertTrue(SoPin.fromHex(chars("3537363231383830", so)).origin().isPresent());
        assertFalse(Pin.user("648219".toCharArray()).origin().isPresent(), "no origin unless one was attached");
    }

    @Test
    void theNaturalCallsTakeTextAndCharacters() {
        SmartCardHsm hsm = new SmartCardHsm(card);
        card.expect(USER_STATUS, "63C3").expect("00 20 00 81 06 " + USER_PIN_HEX, "9000")
                .expect(USER_STATUS, "9000").expect("00 20 00 81 06 " + USER_PIN_HEX, "9000")
                .expect(SO_STATUS, "63CF").expect("00 20 00 88 08 " + DEFAULT_SO_PIN, "9000")
                .expect(USER_STATUS, "63C3").expect("00 24 00 81 0C " + USER_PIN_HEX + " 31 32 33 34 35 36", "9000")
                .expect(SO_STATUS, "63CF").expect("00 24 00 88 10 " + DEFAULT_SO_PIN + " 00 11 22 33 44 55 66 77", "9000")
                .expect(SO_STATUS, "63CF").expect("00 2C 00 81 0E " + DEFAULT_SO_PIN + " " + USER_PIN_HEX, "9000");
        hsm.verify("648219");
        char[] typed = "648219".toCharArray();
        hsm.verify(typed);
        assertEquals("648219", new String(typed), "the caller's array is the caller's to clear");
        hsm.verifySo("3537363231383830");
        hsm.changePin("648219", "123456");
        hsm.changeSoPin("3537363231383830", "0011223344556677");
        hsm.unblock("3537363231383830", "648219");
        card.assertDone();
        assertThrows(PinFormatException.class, () -> hsm.verifySo("57621880"), "validated before anything is sent");
    }
}
