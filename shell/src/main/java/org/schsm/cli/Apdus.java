package org.schsm.cli;

import org.schsm.InvalidInputException;
import org.schsm.apdu.ApduFormatException;
import org.schsm.apdu.CommandApdu;

/** Command-line APDU arguments: errors say which argument was wrong, not just where in it. */
final class Apdus {
    private Apdus() {
    }

    /**
     * For {@code send --raw}: the bytes of a hex argument, which need not be a well-formed APDU
     * (a 3-byte command, an Lc that disagrees with the data): conformance work sends exactly
     * those. At least 2 bytes (CLA and INS), so that messages can name the instruction.
     */
    static byte[] parseRawArgument(String text, int ordinal) {
        byte[] bytes;
        try {
            bytes = org.schsm.apdu.Hex.decode(text);
        } catch (ApduFormatException e) {
            throw new InvalidInputException("APDU #" + ordinal + ": " + e.getMessage());
        }
        if (bytes.length < 2) {
            throw new InvalidInputException("APDU #" + ordinal + ": " + bytes.length
                    + " byte(s); even a malformed command needs CLA and INS");
        }
        return bytes;
    }

    static CommandApdu parseArgument(String text, int ordinal) {
        try {
            return CommandApdu.parse(text);
        } catch (ApduFormatException e) {
            throw new InvalidInputException("APDU #" + ordinal + ": " + e.getMessage());
        }
    }
}
