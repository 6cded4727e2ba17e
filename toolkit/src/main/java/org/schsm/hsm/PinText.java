package org.schsm.hsm;

import java.util.Arrays;

/**
 * Turns typed PIN characters into the bytes the card compares. Only printable ASCII is accepted:
 * the card compares bytes, so a character whose encoding differs between terminals (é, €, a
 * non-breaking space) would give a PIN that cannot be typed again elsewhere.
 */
final class PinText {
    private PinText() {
    }

    /** ASCII bytes of {@code characters}, after checking length and character range. */
    static byte[] toAscii(char[] characters, int minLength, int maxLength, String what) {
        int n = characters.length;
        if (n < minLength || n > maxLength) {
            String range = minLength == maxLength ? "exactly " + minLength : minLength + " to " + maxLength;
            throw new PinFormatException(what + " has " + n + " character" + (n == 1 ? "" : "s")
                    + "; it must have " + range + " characters");
        }
        byte[] out = new byte[n];
        for (int i = 0; i < n; i++) {
            char c = characters[i];
            if (c < 0x20 || c > 0x7E) {
                Arrays.fill(out, (byte) 0);
                throw new PinFormatException(what + " character " + (i + 1) + " of " + n
                        + " is not printable ASCII (allowed: space to '~', 0x20-0x7E)");
            }
            out[i] = (byte) c;
        }
        return out;
    }
}
