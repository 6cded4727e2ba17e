package org.schsm.simulator;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.schsm.testkit.HsmConstants.DEFAULT_SO_PIN;
import static org.schsm.testkit.HsmConstants.SELECT;
import static org.schsm.testkit.HsmConstants.USER_PIN_HEX;

import org.schsm.apdu.Hex;
import org.schsm.apdu.ResponseApdu;
import org.schsm.apdu.StatusWord;

/** A simulated card behind a {@link SimulatorTransport}, driven with raw hex APDUs. */
final class TestCard {
    /** sc-hsm-tool --initialize --so-pin 3537363231383830 --pin 648219 --pin-retry 3 --dkek-shares 1. */
    static final String INITIALIZE_TOOL =
            "80 50 00 00 1C 80 02 00 01 81 06 36 34 38 32 31 39 82 08 35 37 36 32 31 38 38 30 91 01 03 92 01 01";
    static final String WRONG_SO_PIN = "30 30 30 30 30 30 30 30";
    static final String VERIFY_USER = "00 20 00 81 06 " + USER_PIN_HEX;
    static final String VERIFY_WRONG_USER = "00 20 00 81 06 31 31 31 31 31 31";

    final SimulatedCard card;
    final SimulatorTransport transport;

    TestCard() {
        this(SimulatedCard.create());
    }

    TestCard(SimulatedCard card) {
        this.card = card;
        this.transport = new SimulatorTransport(card);
    }

    /** A fresh card with the applet selected. */
    static TestCard selected() {
        TestCard card = new TestCard();
        card.expect(SELECT, 0x9000);
        return card;
    }

    /** A card initialized with sc-hsm-tool's bytes (options 0001, 3 tries, 1 DKEK share), selected. */
    static TestCard initialized() {
        TestCard card = selected();
        card.expect(INITIALIZE_TOOL, 0x9000);
        return card;
    }

    /** INITIALIZE DEVICE with the given options word and default PINs, no DKEK shares. */
    static String initialize(String options) {
        return "80 50 00 00 19 80 02 " + options + " 81 06 " + USER_PIN_HEX + " 82 08 " + DEFAULT_SO_PIN + " 91 01 03";
    }

    ResponseApdu send(String hex) {
        return ResponseApdu.decode(transport.transmit(Hex.decode(hex)));
    }

    ResponseApdu expect(String hex, int sw) {
        ResponseApdu response = send(hex);
        assertEquals(new StatusWord(sw), response.statusWord(), () -> "answer to " + hex);
        return response;
    }

    byte[] expectData(String hex) {
        return expect(hex, 0x9000).data();
    }

    void expectData(String hex, String expectedData) {
        assertArrayEquals(Hex.decode(expectedData), expectData(hex), () -> "data answering " + hex);
    }

    static String hex(byte[] bytes) {
        return Hex.encode(bytes);
    }
}
