package org.schsm.apdu;

import java.util.Map;

/**
 * A status word SW1-SW2 with its meaning from ISO 7816-4 and the SmartCard-HSM, written the same
 * way everywhere: {@code 63C2 (wrong PIN, 2 tries left)}.
 */
public record StatusWord(int value) {
    public static final StatusWord OK = new StatusWord(0x9000);

    public StatusWord {
        if (value < 0 || value > 0xFFFF) {
            throw new IllegalArgumentException("status word " + value + " is not two bytes");
        }
    }

    public static StatusWord of(int sw1, int sw2) {
        return new StatusWord(((sw1 & 0xFF) << 8) | (sw2 & 0xFF));
    }

    /** Parses {@code 9000}, {@code 90 00}, {@code 0x63C2}. */
    public static StatusWord parse(String text) {
        String t = text.trim();
        if (t.startsWith("0x") || t.startsWith("0X")) {
            t = t.substring(2);
        }
        byte[] b = Hex.decode(t);
        if (b.length != 2) {
            throw new ApduFormatException("a status word is two bytes (four hex digits), got '" + text + "'", -1);
        }
        return of(b[0], b[1]);
    }

    public int sw1() {
        return value >>> 8;
    }

    public int sw2() {
        return value & 0xFF;
    }

    public boolean isSuccess() {
        return value == 0x9000 || sw1() == 0x61;
    }

    /** 63Cx: a PIN check failed (or a status query reported) with x tries left. */
    public boolean isRetryCounter() {
        return (value & 0xFFF0) == 0x63C0;
    }

    /** Tries left carried by 63Cx, or -1 for any other status word. */
    public int triesLeft() {
        return isRetryCounter() ? value & 0x0F : -1;
    }

    public String meaning() {
        return StatusWordCatalogue.meaning(value);
    }

    /** Four upper-case hex digits, no meaning. */
    public String hex() {
        return Hex.byteHex(sw1()) + Hex.byteHex(sw2());
    }

    @Override
    public String toString() {
        return hex() + " (" + meaning() + ")";
    }

    /** The table is data: one entry per status word, ranges handled by family rules. */
    static final class StatusWordCatalogue {
        private static final Map<Integer, String> EXACT = Map.ofEntries(
                Map.entry(0x9000, "success"),
                Map.entry(0x6200, "warning: state of non-volatile memory unchanged"),
                Map.entry(0x6281, "warning: part of returned data may be corrupted"),
                Map.entry(0x6282, "warning: end of file reached before reading Le bytes"),
                Map.entry(0x6283, "warning: selected file deactivated"),
                Map.entry(0x6285, "warning: selected file in termination state"),
                Map.entry(0x6300, "verification failed, no further information"),
                Map.entry(0x6400, "execution error, state of non-volatile memory unchanged"),
                Map.entry(0x6500, "execution error, state of non-volatile memory changed"),
                Map.entry(0x6581, "memory failure"),
                Map.entry(0x6600, "security-related issue"),
                Map.entry(0x6700, "wrong length"),
                Map.entry(0x6800, "functions in CLA not supported"),
                Map.entry(0x6881, "logical channel not supported"),
                Map.entry(0x6882, "secure messaging not supported"),
                Map.entry(0x6900, "command not allowed"),
                Map.entry(0x6981, "command incompatible with file structure"),
                Map.entry(0x6982, "security status not satisfied"),
                Map.entry(0x6983, "authentication method blocked: PIN blocked"),
                Map.entry(0x6984, "reference data not usable: transport PIN must be changed first"),
                Map.entry(0x6985, "conditions of use not satisfied"),
                Map.entry(0x6986, "command not allowed: no current EF, or option not enabled at initialization"),
                Map.entry(0x6987, "expected secure messaging data objects missing"),
                Map.entry(0x6988, "incorrect secure messaging data objects"),
                Map.entry(0x6999, "applet selection failed"),
                Map.entry(0x6A00, "wrong parameters P1-P2"),
                Map.entry(0x6A80, "incorrect parameters in the command data field"),
                Map.entry(0x6A81, "function not supported"),
                Map.entry(0x6A82, "file or application not found"),
                Map.entry(0x6A83, "record not found"),
                Map.entry(0x6A84, "not enough memory space in the file"),
                Map.entry(0x6A85, "Nc inconsistent with TLV structure"),
                Map.entry(0x6A86, "incorrect parameters P1-P2"),
                Map.entry(0x6A87, "Nc inconsistent with parameters P1-P2"),
                Map.entry(0x6A88, "referenced data not found: device not initialized or no such PIN"),
                Map.entry(0x6A89, "file already exists"),
                Map.entry(0x6A8A, "DF name already exists"),
                Map.entry(0x6B00, "wrong parameters P1-P2"),
                Map.entry(0x6D00, "instruction code not supported or invalid"),
                Map.entry(0x6E00, "class not supported"),
                Map.entry(0x6F00, "no precise diagnosis"));

        private StatusWordCatalogue() {
        }

        static String meaning(int sw) {
            String exact = EXACT.get(sw);
            if (exact != null) {
                return exact;
            }
            int sw1 = sw >>> 8;
            int sw2 = sw & 0xFF;
            if (sw1 == 0x61) {
                // SW2 00 cannot mean "nothing left": ISO uses it for 256 bytes or more.
                return (sw2 == 0 ? "256 or more" : String.valueOf(sw2)) + " response bytes still available (GET RESPONSE)";
            }
            if (sw1 == 0x6C) {
                return "wrong Le: exact length is " + (sw2 == 0 ? 256 : sw2);
            }
            if ((sw & 0xFFF0) == 0x63C0) {
                int x = sw & 0x0F;
                return x == 1 ? "wrong PIN, 1 try left" : "wrong PIN, " + x + " tries left";
            }
            if (sw1 == 0x90) {
                return "success with proprietary information " + Hex.byteHex(sw2);
            }
            return switch (sw1) {
                case 0x62 -> "warning: state of non-volatile memory unchanged";
                case 0x63 -> "warning: state of non-volatile memory changed";
                case 0x64 -> "execution error, state of non-volatile memory unchanged";
                case 0x65 -> "execution error, state of non-volatile memory changed";
                case 0x67 -> "wrong length";
                case 0x68 -> "functions in CLA not supported";
                case 0x69 -> "command not allowed";
                case 0x6A -> "wrong parameters P1-P2";
                default -> "unknown status word";
            };
        }
    }
}
