package org.schsm.bench;

import org.schsm.apdu.Hex;
import org.schsm.hsm.SmartCardHsm;

/** The commands the benchmarks send to bring a simulated card into a known state before measuring. */
final class CardSetUp {
    /** SELECT of the SmartCard-HSM applet. */
    static final byte[] SELECT = Hex.decode("00 A4 04 00 0B " + SmartCardHsm.AID_HEX + " 00");
    /** INITIALIZE DEVICE: options 0001, user PIN 648219, the default SO-PIN, 3 tries. */
    static final byte[] INITIALIZE = Hex.decode(
            "8050000019" + "80020001" + "8106363438323139" + "82083537363231383830" + "910103");

    private CardSetUp() {
    }

    /** Stops the set-up when a command is not answered 9000: a benchmark on a wrong state measures nothing. */
    static void expect9000(byte[] response) {
        int sw = ((response[response.length - 2] & 0xFF) << 8) | (response[response.length - 1] & 0xFF);
        if (sw != 0x9000) {
            throw new IllegalStateException("set-up command answered " + Integer.toHexString(sw));
        }
    }
}
