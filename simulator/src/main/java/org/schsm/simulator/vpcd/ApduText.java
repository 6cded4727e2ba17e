package org.schsm.simulator.vpcd;

import java.util.Arrays;
import org.schsm.apdu.ApduFormatException;
import org.schsm.apdu.CommandApdu;
import org.schsm.apdu.Hex;
import org.schsm.apdu.StatusWord;

/**
 * Log text for APDUs crossing the bridge. Commands are shown through
 * {@link CommandApdu#toString()}, which replaces the data of PIN and key-share commands with
 * {@code **}; a command that cannot be decoded shows only its header, because its data may be a
 * malformed PIN. Responses show their length and status word, never their data.
 */
final class ApduText {
    private static final int HEADER = 4;

    private ApduText() {
    }

    static String command(byte[] command) {
        try {
            return CommandApdu.decode(command).toString();
        } catch (ApduFormatException e) {
            if (command.length < HEADER) {
                return "malformed command of " + command.length + " bytes";
            }
            return Hex.spaced(Arrays.copyOf(command, HEADER)) + " ... (malformed, " + command.length
                    + " bytes, data not shown: " + e.getMessage() + ")";
        }
    }

    static String response(byte[] response) {
        int n = response.length;
        if (n < 2) {
            return "malformed response of " + n + " bytes";
        }
        return StatusWord.of(response[n - 2], response[n - 1]) + ", " + (n - 2) + " data bytes";
    }
}
