package org.schsm.conformance;

import org.schsm.apdu.ApduFormatException;
import org.schsm.apdu.CommandApdu;
import org.schsm.apdu.Hex;
import org.schsm.apdu.ResponseApdu;

/**
 * One command and the card's answer, as a case saw it.
 *
 * @param phase   {@code setup}, {@code case} or {@code teardown}
 * @param shown   the command as it may be printed: PIN data already {@code **}
 * @param command the bytes sent (kept in memory only, never printed)
 * @param nanos   time from sending to the answer
 */
public record Exchange(String phase, String shown, byte[] command, ResponseApdu response, long nanos) {

    /** The printable form of raw command bytes: through {@link CommandApdu#toString()}, which redacts PINs. */
    public static String show(byte[] command) {
        try {
            return CommandApdu.decode(command).toString();
        } catch (ApduFormatException e) {
            // Not a well-formed APDU: show the header only when the instruction may carry a PIN.
            if (command.length > 4 && mayCarrySecret(command)) {
                return Hex.spaced(java.util.Arrays.copyOf(command, 4)) + " ** (malformed)";
            }
            return Hex.spaced(command) + " (malformed)";
        }
    }

    private static boolean mayCarrySecret(byte[] command) {
        int cla = command[0] & 0xFF;
        int ins = command[1] & 0xFF;
        return ins == 0x20 || ins == 0x24 || ins == 0x2C || (cla & 0x80) != 0 && (ins == 0x50 || ins == 0x52);
    }

    /** {@code >> 00 20 00 81} and {@code << 63C3 (wrong PIN, 3 tries left) [120 us]}. */
    public String transcript() {
        return ">> " + shown + "\n<< " + response + " [" + nanos / 1000 + " us]";
    }

    /** Same status word and data as another card's answer. */
    public boolean sameAnswer(Exchange other, boolean statusWordOnly) {
        if (response.sw() != other.response.sw()) {
            return false;
        }
        return statusWordOnly || response.equals(other.response);
    }
}
