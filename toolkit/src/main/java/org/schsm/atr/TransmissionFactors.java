package org.schsm.atr;

import org.schsm.apdu.Hex;

/** The ISO 7816-3 tables behind TA1: clock rate conversion Fi (with f max) and baud rate adjustment Di. */
public final class TransmissionFactors {
    /** Fi by the high nibble of TA1; 0 marks reserved values. */
    private static final int[] FI = {372, 372, 558, 744, 1116, 1488, 1860, 0, 0, 512, 768, 1024, 1536, 2048, 0, 0};
    /** f max in kHz by the same nibble. */
    private static final int[] F_MAX_KHZ = {4000, 5000, 6000, 8000, 12000, 16000, 20000, 0, 0, 5000, 7500, 10000, 15000, 20000, 0, 0};
    /** Di by the low nibble of TA1; 0 marks reserved values. */
    private static final int[] DI = {0, 1, 2, 4, 8, 16, 32, 64, 12, 20, 0, 0, 0, 0, 0, 0};

    /** TA1 value that applies when the card sends no TA1. */
    public static final int DEFAULT_TA1 = 0x11;

    private TransmissionFactors() {
    }

    /** Fi for a TA1 value, or 0 when reserved. */
    public static int fi(int ta1) {
        return FI[(ta1 >>> 4) & 0x0F];
    }

    /** f max in kHz for a TA1 value, or 0 when reserved. */
    public static int fMaxKhz(int ta1) {
        return F_MAX_KHZ[(ta1 >>> 4) & 0x0F];
    }

    /** Di for a TA1 value, or 0 when reserved. */
    public static int di(int ta1) {
        return DI[ta1 & 0x0F];
    }

    static String describeTa1(int ta1) {
        int fi = fi(ta1);
        int di = di(ta1);
        String f = fi == 0 ? "Fi reserved (" + Hex.byteHex(ta1 >>> 4).charAt(1) + ")" : "Fi=" + fi;
        String d = di == 0 ? "Di reserved (" + Hex.byteHex(ta1).charAt(1) + ")" : "Di=" + di;
        String fmax = fi == 0 ? "" : ", f max " + (fMaxKhz(ta1) / 1000.0) + " MHz";
        String ratio = fi != 0 && di != 0 ? ", " + fi / di + (fi % di == 0 ? "" : "." + (fi * 10 / di) % 10) + " clocks per etu" : "";
        return f + ", " + d + fmax + ratio;
    }
}
