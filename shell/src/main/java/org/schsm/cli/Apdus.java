package org.schsm.cli;

import org.schsm.InvalidInputException;
import org.schsm.apdu.ApduFormatException;
import org.schsm.apdu.CommandApdu;

/** Command-line APDU arguments: errors say which argument was wrong, not just where in it. */
final class Apdus {
    private Apdus() {
    }

    static CommandApdu parseArgument(String text, int ordinal) {
        try {
            return CommandApdu.parse(text);
        } catch (ApduFormatException e) {
            throw new InvalidInputException("APDU #" + ordinal + ": " + e.getMessage());
        }
    }
}
