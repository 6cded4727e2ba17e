package org.schsm.apdu;

import java.util.Arrays;

/**
 * An ISO 7816-4 command APDU: header CLA INS P1 P2, optional command data (Nc bytes, Lc field)
 * and optional expected response length (Ne, Le field).
 *
 * <p>The four cases follow from which of data and Le are present. Short encoding is used
 * whenever both fields fit (Nc &le; 255, Ne &le; 256); otherwise both use extended encoding,
 * because ISO 7816-4 forbids mixing a short Lc with an extended Le. Ne = 256 encodes as
 * short Le {@code 00}, Ne = 65536 as extended Le {@code 0000}. Ne = 0 means "no Le field".
 */
public final class CommandApdu {
    public static final int MAX_SHORT_NC = 255;
    public static final int MAX_SHORT_NE = 256;
    public static final int MAX_EXTENDED_NC = 65535;
    public static final int MAX_EXTENDED_NE = 65536;

    private final byte[] encoded;
    private final int dataOffset;
    private final int nc;
    private final int ne;
    private final boolean extended;

    /** Case 1: header only. */
    public CommandApdu(int cla, int ins, int p1, int p2) {
        this(cla, ins, p1, p2, null, 0, false);
    }

    /** Case 2: header and Le. */
    public CommandApdu(int cla, int ins, int p1, int p2, int ne) {
        this(cla, ins, p1, p2, null, ne, false);
    }

    /** Case 3: header and data. */
    public CommandApdu(int cla, int ins, int p1, int p2, byte[] data) {
        this(cla, ins, p1, p2, data, 0, false);
    }

    /** Case 4: header, data and Le. */
    public CommandApdu(int cla, int ins, int p1, int p2, byte[] data, int ne) {
        this(cla, ins, p1, p2, data, ne, false);
    }

    /**
     * Any case. {@code data} may be null or empty (no Lc field); {@code ne} 0 means no Le field.
     * {@code forceExtended} uses extended length fields even when short ones would do, which some
     * cards require (the SmartCard-HSM for ENUMERATE OBJECTS, for instance).
     */
    public CommandApdu(int cla, int ins, int p1, int p2, byte[] data, int ne, boolean forceExtended) {
        checkByte("CLA", cla);
        checkByte("INS", ins);
        checkByte("P1", p1);
        checkByte("P2", p2);
        int dataLength = data == null ? 0 : data.length;
        if (dataLength > MAX_EXTENDED_NC) {
            throw new ApduFormatException("command data of " + dataLength
                    + " bytes is too long: at most " + MAX_EXTENDED_NC + " bytes fit in an extended Lc", -1);
        }
        if (ne < 0 || ne > MAX_EXTENDED_NE) {
            throw new ApduFormatException("Ne " + ne + " is out of range 0.." + MAX_EXTENDED_NE, -1);
        }
        boolean ext = forceExtended && (dataLength > 0 || ne > 0)
                || dataLength > MAX_SHORT_NC || ne > MAX_SHORT_NE;
        int length = 4;
        if (dataLength > 0) {
            length += (ext ? 3 : 1) + dataLength;
        }
        if (ne > 0) {
            length += ext ? (dataLength > 0 ? 2 : 3) : 1;
        }
        byte[] out = new byte[length];
        out[0] = (byte) cla;
        out[1] = (byte) ins;
        out[2] = (byte) p1;
        out[3] = (byte) p2;
        int pos = 4;
        int offset = 0;
        if (dataLength > 0) {
            if (ext) {
                out[pos++] = 0;
                out[pos++] = (byte) (dataLength >> 8);
            }
            out[pos++] = (byte) dataLength;
            offset = pos;
            System.arraycopy(data, 0, out, pos, dataLength);
            pos += dataLength;
        }
        if (ne > 0) {
            if (ext) {
                if (dataLength == 0) {
                    out[pos++] = 0;
                }
                out[pos++] = (byte) (ne >> 8); // 65536 -> 00 00 by truncation, as ISO specifies
                out[pos] = (byte) ne;
            } else {
                out[pos] = (byte) ne; // 256 -> 00
            }
        }
        this.encoded = out;
        this.dataOffset = offset;
        this.nc = dataLength;
        this.ne = ne;
        this.extended = ext;
    }

    private CommandApdu(byte[] encoded, int dataOffset, int nc, int ne, boolean extended) {
        this.encoded = encoded;
        this.dataOffset = dataOffset;
        this.nc = nc;
        this.ne = ne;
        this.extended = extended;
    }

    /**
     * Parses hex text in any of the forms {@link Hex#decode} accepts. Positions in errors are
     * character offsets into {@code hex}, also for length errors found after hex decoding, so
     * that they point into what the user typed.
     */
    public static CommandApdu parse(CharSequence hex) {
        byte[] raw = Hex.decode(hex);
        try {
            return decode(raw);
        } catch (ApduFormatException e) {
            if (e.position() < 0) {
                throw e;
            }
            throw new ApduFormatException(e.problem(), Hex.charOffsetOfByte(hex, e.position()));
        }
    }

    /**
     * Decodes a binary APDU following the ISO 7816-4 length rules. Positions in errors are byte
     * offsets into {@code raw}.
     */
    public static CommandApdu decode(byte[] raw) {
        int n = raw.length;
        if (n < 4) {
            throw new ApduFormatException("an APDU needs at least 4 header bytes (CLA INS P1 P2), got " + n, -1);
        }
        byte[] copy = raw.clone();
        if (n == 4) {
            return new CommandApdu(copy, 0, 0, 0, false);
        }
        int b4 = copy[4] & 0xFF;
        if (n == 5) {
            return new CommandApdu(copy, 0, 0, b4 == 0 ? 256 : b4, false);
        }
        if (b4 != 0) {
            int lc = b4;
            if (n == 5 + lc) {
                return new CommandApdu(copy, 5, lc, 0, false);
            }
            if (n == 6 + lc) {
                int le = copy[n - 1] & 0xFF;
                return new CommandApdu(copy, 5, lc, le == 0 ? 256 : le, false);
            }
            throw new ApduFormatException("Lc " + Hex.byteHex(lc) + " announces " + lc
                    + " data bytes but " + (n - 5) + " bytes follow it (expected " + lc + " or "
                    + (lc + 1) + " with Le)", 4);
        }
        // b4 == 00 with more bytes: extended length.
        if (n < 7) {
            throw new ApduFormatException("extended length field is truncated: 00 must be followed by two length bytes", 5);
        }
        int b56 = ((copy[5] & 0xFF) << 8) | (copy[6] & 0xFF);
        if (n == 7) {
            return new CommandApdu(copy, 0, 0, b56 == 0 ? 65536 : b56, true);
        }
        if (b56 == 0) {
            throw new ApduFormatException("extended Lc 0000 is not allowed when data follows", 5);
        }
        int lc = b56;
        if (n == 7 + lc) {
            return new CommandApdu(copy, 7, lc, 0, true);
        }
        if (n == 9 + lc) {
            int le = ((copy[n - 2] & 0xFF) << 8) | (copy[n - 1] & 0xFF);
            return new CommandApdu(copy, 7, lc, le == 0 ? 65536 : le, true);
        }
        throw new ApduFormatException("extended Lc " + Hex.byteHex(lc >> 8) + Hex.byteHex(lc) + " announces "
                + lc + " data bytes but " + (n - 7) + " bytes follow it (expected " + lc + " or "
                + (lc + 2) + " with Le)", 5);
    }

    private static void checkByte(String field, int value) {
        if (value < 0 || value > 0xFF) {
            throw new ApduFormatException(field + " " + value + " does not fit in one byte", -1);
        }
    }

    public int cla() {
        return encoded[0] & 0xFF;
    }

    public int ins() {
        return encoded[1] & 0xFF;
    }

    public int p1() {
        return encoded[2] & 0xFF;
    }

    public int p2() {
        return encoded[3] & 0xFF;
    }

    /** Number of command data bytes (Nc). */
    public int nc() {
        return nc;
    }

    /** Expected response length (Ne); 0 when there is no Le field. */
    public int ne() {
        return ne;
    }

    public boolean isExtended() {
        return extended;
    }

    /** ISO 7816-4 case: 1 (header), 2 (Le), 3 (data), 4 (data and Le). */
    public int isoCase() {
        if (nc == 0) {
            return ne == 0 ? 1 : 2;
        }
        return ne == 0 ? 3 : 4;
    }

    public byte[] data() {
        return Arrays.copyOfRange(encoded, dataOffset, dataOffset + nc);
    }

    public byte[] bytes() {
        return encoded.clone();
    }

    /** The same command with another Ne, keeping header and data (used to resend on 6Cxx). */
    public CommandApdu withNe(int newNe) {
        return new CommandApdu(cla(), ins(), p1(), p2(), nc == 0 ? null : data(), newNe, extended);
    }

    /** The same command with its data replaced by {@code **}, for traces of PIN commands. */
    public String toRedactedString() {
        StringBuilder sb = new StringBuilder(Hex.spaced(Arrays.copyOf(encoded, 4)));
        if (nc > 0) {
            sb.append(' ').append(Hex.spaced(Arrays.copyOfRange(encoded, 4, dataOffset))).append(" **");
        }
        if (ne > 0) {
            sb.append(' ').append(Hex.spaced(Arrays.copyOfRange(encoded, nc > 0 ? dataOffset + nc : 4, encoded.length)));
        }
        return sb.toString();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof CommandApdu other && Arrays.equals(encoded, other.encoded);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(encoded);
    }

    /**
     * True when the data field carries a secret (a PIN, an SO-PIN, a DKEK share): decided by the
     * INS byte through {@link Instruction}, whatever the class byte.
     */
    public boolean carriesSecret() {
        return nc > 0 && Instruction.secretAfterHeader(ins());
    }

    /**
     * Raw command bytes as they may be shown in a trace, a log or a report: through
     * {@link #toString()} when they decode, so secrets are {@code **}. A malformed command is still
     * shown (that is when it is most wanted), followed by why it is malformed; if its INS is one
     * that carries a secret, everything after the header is hidden, because where its data lies
     * cannot be told.
     */
    public static String describe(byte[] raw) {
        try {
            return decode(raw).toString();
        } catch (ApduFormatException e) {
            String why = " (malformed: " + e.getMessage() + ")";
            if (raw.length > 4 && Instruction.secretAfterHeader(raw[1])) {
                return Hex.spaced(Arrays.copyOf(raw, 4)) + " **" + why;
            }
            return Hex.spaced(raw) + why;
        }
    }

    /** Every byte, secrets included. Only for code that must put the real bytes on a wire. */
    public String toHexString() {
        return Hex.spaced(encoded);
    }

    /** Spaced hex, with the data of secret-carrying commands shown as {@code **}. */
    @Override
    public String toString() {
        return carriesSecret() ? toRedactedString() : Hex.spaced(encoded);
    }
}
