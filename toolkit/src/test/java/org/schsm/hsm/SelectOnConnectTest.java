package org.schsm.hsm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.schsm.testkit.HsmConstants.FCP_RRC;
import static org.schsm.testkit.HsmConstants.SELECT;
import static org.schsm.testkit.HsmConstants.USER_PIN_HEX;
import static org.schsm.testkit.HsmConstants.USER_STATUS;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.schsm.testkit.HsmConstants;
import org.schsm.testkit.ScriptedTransport;

/** connect() selects the application first, as OpenSC does; 6986 to a PIN command says "not selected". */
class SelectOnConnectTest {
    private final ScriptedTransport card = new ScriptedTransport();

    @Test
    void connectSelectsSoThatVerifyWorksAsTheFirstCall() {
        card.expect(SELECT, FCP_RRC).expect(USER_STATUS, "63C3").expect("00 20 00 81 06 " + USER_PIN_HEX, "9000");
        SmartCardHsm.connect(card).verify(Pin.user("648219"));
        card.assertDone();
        assertEquals(SELECT, card.sent().get(0));
    }

    @Test
    void verifyAnswered6986SaysTheApplicationIsProbablyNotSelected() {
        card.expect(USER_STATUS, "6986").expect("00 20 00 81 06 " + USER_PIN_HEX, "6986");
        NotSelectedException e = assertThrows(NotSelectedException.class,
                () -> new SmartCardHsm(card).verify(Pin.user("648219")));
        assertEquals(0x6986, e.statusWord().value());
        assertTrue(e.getMessage().contains("not selected") && e.getMessage().contains("hsm.select()"), e.getMessage());
        assertTrue(PinStatus.fromStatusWord(PinReference.USER, e.statusWord()).describe().contains("not selected"));
    }

    @Test
    void resetRetryCounterAnswered6986KeepsItsOwnMeaning() {
        card.expect(HsmConstants.SO_STATUS, "63CF").expect("00 2C 01 81 08 " + HsmConstants.DEFAULT_SO_PIN, "6986");
        var e = assertThrows(org.schsm.apdu.StatusWordException.class,
                () -> new SmartCardHsm(card).resetRetryCounter(SoPin.defaultSoPin(), null));
        assertTrue(!(e instanceof NotSelectedException), e.toString());
        assertEquals(List.of(HsmConstants.SO_STATUS), card.sent().subList(0, 1));
    }
}
