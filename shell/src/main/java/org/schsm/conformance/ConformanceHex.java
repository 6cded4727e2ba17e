package org.schsm.conformance;

import org.schsm.apdu.ApduFormatException;
import org.schsm.apdu.Hex;

/** Hex in suites: a malformed value is a suite error that names the keyword it came with. */
final class ConformanceHex {
    private ConformanceHex() {
    }

    static byte[] decode(String what, CharSequence text) {
        try {
            return Hex.decode(text);
        } catch (ApduFormatException e) {
            throw new SuiteDefinitionException(what + ": '" + text + "' is not hex: " + e.getMessage());
        }
    }
}
