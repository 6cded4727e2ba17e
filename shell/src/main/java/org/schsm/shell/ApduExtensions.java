package org.schsm.shell;

import org.schsm.apdu.Hex;
import org.schsm.apdu.ResponseApdu;
import org.schsm.apdu.StatusWord;

/**
 * Groovy extension methods (registered in {@code META-INF/groovy/org.codehaus.groovy.runtime.ExtensionModule})
 * that give the toolkit's own response objects Groovy properties: {@code r.sw}, {@code r.data},
 * {@code r.ok}, {@code r.statusWord}, {@code r.hex}, {@code r.statusWord.meaning}.
 */
public final class ApduExtensions {
    private ApduExtensions() {
    }

    /** {@code r.sw}: the status word as an int, e.g. {@code 0x9000}. */
    public static int getSw(ResponseApdu self) {
        return self.sw();
    }

    /** {@code r.data}: a copy of the response data (empty, never null). */
    public static byte[] getData(ResponseApdu self) {
        return self.data();
    }

    /** {@code r.ok}: true for 9000 only. */
    public static boolean getOk(ResponseApdu self) {
        return self.isOk();
    }

    /** {@code r.statusWord}: the {@link StatusWord}, which prints as {@code 63C2 (wrong PIN, 2 tries left)}. */
    public static StatusWord getStatusWord(ResponseApdu self) {
        return self.statusWord();
    }

    /** {@code r.hex}: the response data as spaced hex. */
    public static String getHex(ResponseApdu self) {
        return Hex.spaced(self.data());
    }

    /** {@code r.meaning}: the meaning of the status word. */
    public static String getMeaning(ResponseApdu self) {
        return self.statusWord().meaning();
    }

    /** {@code sw.meaning}. */
    public static String getMeaning(StatusWord self) {
        return self.meaning();
    }

    /** {@code sw.hex}: four hex digits. */
    public static String getHex(StatusWord self) {
        return self.hex();
    }

    /** {@code sw.triesLeft}: x of 63Cx, else -1. */
    public static int getTriesLeft(StatusWord self) {
        return self.triesLeft();
    }
}
