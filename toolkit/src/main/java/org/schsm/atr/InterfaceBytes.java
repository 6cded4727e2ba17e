package org.schsm.atr;

import java.util.ArrayList;
import java.util.List;
import org.schsm.apdu.Hex;

/**
 * The interface bytes TAi, TBi, TCi, TDi of one level i (1-based). An absent byte is -1.
 * {@code protocol} is the protocol these bytes apply to: T=0 for level 1 and 2 (global), and
 * for higher levels the T announced by TD(i-1).
 */
public record InterfaceBytes(int level, int protocol, int ta, int tb, int tc, int td) {

    public boolean hasTd() {
        return td >= 0;
    }

    /** Protocol T announced by TDi, or -1 when there is no TDi. */
    public int nextProtocol() {
        return td >= 0 ? td & 0x0F : -1;
    }

    /** One readable line per byte present. */
    List<String> describe() {
        List<String> lines = new ArrayList<>();
        if (ta >= 0) {
            lines.add(line("TA", ta, meaningOfTa()));
        }
        if (tb >= 0) {
            lines.add(line("TB", tb, meaningOfTb()));
        }
        if (tc >= 0) {
            lines.add(line("TC", tc, meaningOfTc()));
        }
        if (td >= 0) {
            lines.add(line("TD", td, presence(td >>> 4, level + 1) + "protocol T=" + (td & 0x0F)));
        }
        return lines;
    }

    private String line(String name, int value, String meaning) {
        return name + level + " " + Hex.byteHex(value) + "  " + meaning;
    }

    private String meaningOfTa() {
        if (level == 1) {
            return TransmissionFactors.describeTa1(ta);
        }
        if (level == 2) {
            return "specific mode, protocol T=" + (ta & 0x0F)
                    + ((ta & 0x80) != 0 ? ", cannot change mode" : ", mode change possible");
        }
        if (protocol == 15) {
            return "clock stop " + clockStop(ta >>> 6) + ", classes " + classes(ta & 0x3F);
        }
        return protocol == 1 ? "IFSC " + ta + " bytes" : "protocol-specific";
    }

    private String meaningOfTb() {
        if (level <= 2) {
            return "programming voltage (deprecated)";
        }
        return protocol == 1 ? "BWI " + (tb >>> 4) + ", CWI " + (tb & 0x0F) : "protocol-specific";
    }

    private String meaningOfTc() {
        if (level == 1) {
            return "extra guard time N=" + tc + (tc == 0xFF ? " (minimum: 12 etu for T=0, 11 for T=1)" : "");
        }
        if (level == 2) {
            return "T=0 waiting time integer WI=" + tc;
        }
        return protocol == 1 ? "error detection " + ((tc & 1) != 0 ? "CRC" : "LRC") : "protocol-specific";
    }

    static String presence(int y, int nextLevel) {
        StringBuilder sb = new StringBuilder();
        String[] names = {"TA", "TB", "TC", "TD"};
        for (int bit = 0; bit < 4; bit++) {
            if ((y & (1 << bit)) != 0) {
                sb.append(names[bit]).append(nextLevel).append(' ');
            }
        }
        return sb.length() == 0 ? "no further interface bytes, " : sb.append("follow, ").toString();
    }

    private static String clockStop(int x) {
        return switch (x) {
            case 0 -> "not supported";
            case 1 -> "state L";
            case 2 -> "state H";
            default -> "no preference";
        };
    }

    private static String classes(int y) {
        StringBuilder sb = new StringBuilder();
        String[] names = {"A (5 V)", "B (3 V)", "C (1.8 V)"};
        for (int bit = 0; bit < 3; bit++) {
            if ((y & (1 << bit)) != 0) {
                sb.append(sb.length() > 0 ? ", " : "").append(names[bit]);
            }
        }
        return sb.length() == 0 ? "none indicated" : sb.toString();
    }
}
