package org.schsm.simulator.vpcd;

import org.schsm.apdu.CommandApdu;
import org.schsm.apdu.StatusWord;

/**
 * Log text for responses crossing the bridge: their length and status word, never their data.
 * Commands are logged through {@link CommandApdu#describe}, which hides secrets.
 */
final class ApduText {
    private ApduText() {
    }

    static String response(byte[] response) {
        int n = response.length;
        if (n < 2) {
            return "malformed response of " + n + " bytes";
        }
        return StatusWord.of(response[n - 2], response[n - 1]) + ", " + (n - 2) + " data bytes";
    }
}
