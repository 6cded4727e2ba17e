package org.schsm.atr;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.SortedSet;
import java.util.TreeSet;
import org.schsm.apdu.Hex;

/**
 * An answer-to-reset decoded per ISO 7816-3: TS, T0, the interface bytes level by level, the
 * historical bytes and the check byte TCK.
 *
 * <p>PC/SC readers hand over the ATR already in direct logical values; with inverse convention
 * only TS shows it ({@code 3F}), so the bytes after TS are decoded as given.
 *
 * <p>A wrong TCK does not stop decoding ({@link #isTckValid()} says so), because a diagnostic
 * tool should show what the card sent; a missing TCK or any truncation does.
 */
public final class Atr {
    /** How the card codes its bits, as announced by TS. */
    public enum Convention { DIRECT, INVERSE }

    private static final int MAX_ATR_LENGTH = 33;

    private final byte[] bytes;
    private final Convention convention;
    private final List<InterfaceBytes> levels;
    private final HistoricalBytes historical;
    private final int tck;

    private Atr(byte[] bytes, Convention convention, List<InterfaceBytes> levels, HistoricalBytes historical, int tck) {
        this.bytes = bytes;
        this.convention = convention;
        this.levels = levels;
        this.historical = historical;
        this.tck = tck;
    }

    public static Atr parse(CharSequence hex) {
        return parse(Hex.decode(hex));
    }

    public static Atr parse(byte[] atr) {
        byte[] b = atr.clone();
        if (b.length == 0) {
            throw new AtrFormatException("an ATR has at least TS and T0, got no bytes", -1);
        }
        Convention convention = switch (b[0] & 0xFF) {
            case 0x3B -> Convention.DIRECT;
            case 0x3F -> Convention.INVERSE;
            default -> throw new AtrFormatException("TS " + Hex.byteHex(b[0]) + " is neither 3B (direct) nor 3F (inverse convention)", 0);
        };
        need(b, 1, "T0");
        int y = (b[1] & 0xFF) >>> 4;
        int k = b[1] & 0x0F;
        int pos = 2;
        List<InterfaceBytes> levels = new ArrayList<>();
        int protocol = 0;
        boolean tckRequired = false;
        for (int level = 1; y != 0 || level == 1; level++) {
            int[] v = {-1, -1, -1, -1};
            String[] names = {"TA", "TB", "TC", "TD"};
            for (int i = 0; i < 4; i++) {
                if ((y & (1 << i)) != 0) {
                    need(b, pos, names[i] + level);
                    v[i] = b[pos++] & 0xFF;
                }
            }
            // Levels 1 and 2 are global; level i >= 3 belongs to the T announced by TD(i-1).
            InterfaceBytes group = new InterfaceBytes(level, level <= 2 ? 0 : protocol, v[0], v[1], v[2], v[3]);
            if (y != 0 || level > 1) {
                levels.add(group);
            }
            if (!group.hasTd()) {
                break;
            }
            protocol = group.nextProtocol();
            tckRequired |= protocol != 0;
            y = v[3] >>> 4;
        }
        need(b, pos + k - 1, "historical byte T" + k);
        HistoricalBytes historical = new HistoricalBytes(Arrays.copyOfRange(b, pos, pos + k));
        pos += k;
        int tck = -1;
        if (tckRequired) {
            need(b, pos, "TCK (required because a protocol other than T=0 is indicated)");
            tck = b[pos++] & 0xFF;
        }
        if (pos != b.length) {
            throw new AtrFormatException((b.length - pos) + " bytes follow the end of the ATR"
                    + (tckRequired ? "" : " (no TCK is expected when only T=0 is indicated)"), pos);
        }
        if (b.length > MAX_ATR_LENGTH) {
            throw new AtrFormatException("an ATR has at most " + MAX_ATR_LENGTH + " bytes, got " + b.length, -1);
        }
        return new Atr(b, convention, List.copyOf(levels), historical, tck);
    }

    private static void need(byte[] b, int index, String what) {
        if (index >= b.length) {
            throw new AtrFormatException("ATR is truncated: " + what + " is missing", b.length);
        }
    }

    public byte[] bytes() {
        return bytes.clone();
    }

    public Convention convention() {
        return convention;
    }

    public int t0() {
        return bytes[1] & 0xFF;
    }

    /** Interface byte groups, level 1 first; empty when T0 announces none. */
    public List<InterfaceBytes> interfaceBytes() {
        return levels;
    }

    /** Protocols the card offers: those named in TD bytes (T=15 is not a protocol), T=0 when there are none. */
    public SortedSet<Integer> protocols() {
        SortedSet<Integer> out = new TreeSet<>();
        for (InterfaceBytes g : levels) {
            if (g.hasTd() && g.nextProtocol() != 15) {
                out.add(g.nextProtocol());
            }
        }
        if (out.isEmpty()) {
            out.add(0);
        }
        return Collections.unmodifiableSortedSet(out);
    }

    /** TA1, or the default 11 when absent. */
    public int ta1() {
        return levels.isEmpty() || levels.get(0).ta() < 0 ? TransmissionFactors.DEFAULT_TA1 : levels.get(0).ta();
    }

    public int fi() {
        return TransmissionFactors.fi(ta1());
    }

    public int di() {
        return TransmissionFactors.di(ta1());
    }

    public HistoricalBytes historicalBytes() {
        return historical;
    }

    public boolean hasTck() {
        return tck >= 0;
    }

    /** TCK, or -1 when absent (only T=0 indicated). */
    public int tck() {
        return tck;
    }

    /** True when there is no TCK, or when T0 through TCK XOR to zero. */
    public boolean isTckValid() {
        return tck < 0 || expectedTck() == tck;
    }

    /** The TCK that would make the XOR of T0..TCK zero. */
    public int expectedTck() {
        int x = 0;
        int end = tck < 0 ? bytes.length : bytes.length - 1;
        for (int i = 1; i < end; i++) {
            x ^= bytes[i] & 0xFF;
        }
        return x;
    }

    /** One line per element, for {@code schsm atr} and the shell. */
    public List<String> describe() {
        List<String> lines = new ArrayList<>();
        lines.add("TS  " + Hex.byteHex(bytes[0]) + "  " + (convention == Convention.DIRECT ? "direct" : "inverse") + " convention");
        lines.add("T0  " + Hex.byteHex(t0()) + "  " + InterfaceBytes.presence(t0() >>> 4, 1)
                + (t0() & 0x0F) + " historical bytes");
        levels.forEach(g -> lines.addAll(g.describe()));
        lines.addAll(historical.describe());
        if (tck >= 0) {
            lines.add("TCK " + Hex.byteHex(tck) + "  " + (isTckValid() ? "correct"
                    : "WRONG: XOR of T0..TCK is not 00, expected " + Hex.byteHex(expectedTck())));
        } else {
            lines.add("TCK absent (only T=0 indicated)");
        }
        lines.add("Protocols: " + String.join(", ", protocols().stream().map(t -> "T=" + t).toList()));
        return lines;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Atr other && Arrays.equals(other.bytes, bytes);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(bytes);
    }

    @Override
    public String toString() {
        return Hex.spaced(bytes);
    }
}
