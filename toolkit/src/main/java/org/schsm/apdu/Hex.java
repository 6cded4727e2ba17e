package org.schsm.apdu;

import java.util.HexFormat;

/**
 * Hex text as people paste it: {@code 00A40400}, {@code 00 A4 04 00}, {@code 00:A4:04:00},
 * upper or lower case. Separators (space, tab, colon, dash, newline) may stand between bytes but
 * never inside one, so a stray separator is reported instead of silently shifting nibbles.
 */
public final class Hex {
    private static final HexFormat PLAIN = HexFormat.of().withUpperCase();
    private static final HexFormat SPACED = HexFormat.ofDelimiter(" ").withUpperCase();

    private Hex() {
    }

    public static String encode(byte[] bytes) {
        return PLAIN.formatHex(bytes);
    }

    public static String encode(byte[] bytes, int offset, int length) {
        return PLAIN.formatHex(bytes, offset, offset + length);
    }

    /** Bytes separated by single spaces, the form traces use: {@code 00 A4 04 00}. */
    public static String spaced(byte[] bytes) {
        return SPACED.formatHex(bytes);
    }

    public static String byteHex(int b) {
        return PLAIN.toHexDigits((byte) b);
    }

    /**
     * Decodes hex text. Unlike {@link HexFormat#parseHex}, which is strict and says nothing about
     * where input went wrong, this accepts what people paste; it throws
     * {@link ApduFormatException} naming the offending character and its position for non-hex
     * characters, a separator inside a byte, or an odd number of digits.
     */
    public static byte[] decode(CharSequence text) {
        byte[] out = new byte[text.length() / 2];
        int count = 0;
        int pendingNibble = -1;
        int pendingPosition = -1;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            int v = Character.digit(c, 16);
            if (v < 0 || c > 0x7F) {
                if (isSeparator(c)) {
                    if (pendingNibble >= 0) {
                        throw new ApduFormatException("separator '" + printable(c)
                                + "' splits a byte: odd number of hex digits before it", i);
                    }
                    continue;
                }
                throw new ApduFormatException("'" + printable(c) + "' is not a hex digit", i);
            }
            if (pendingNibble < 0) {
                pendingNibble = v;
                pendingPosition = i;
            } else {
                out[count++] = (byte) ((pendingNibble << 4) | v);
                pendingNibble = -1;
            }
        }
        if (pendingNibble >= 0) {
            throw new ApduFormatException("odd number of hex digits: the last byte is missing a digit",
                    pendingPosition);
        }
        if (count == out.length) {
            return out;
        }
        byte[] trimmed = new byte[count];
        System.arraycopy(out, 0, trimmed, 0, count);
        return trimmed;
    }

    /**
     * The character offset in {@code text} where byte number {@code byteIndex} of its decoded
     * form starts; the text length when the byte lies past the end (a missing byte).
     */
    static int charOffsetOfByte(CharSequence text, int byteIndex) {
        int digits = 0;
        for (int i = 0; i < text.length(); i++) {
            if (Character.digit(text.charAt(i), 16) >= 0) {
                if (digits == 2 * byteIndex) {
                    return i;
                }
                digits++;
            }
        }
        return text.length();
    }

    private static boolean isSeparator(char c) {
        return c == ' ' || c == ':' || c == '\t' || c == '\n' || c == '\r' || c == '-' || c == '_';
    }

    private static String printable(char c) {
        if (c < 0x20 || c > 0x7E) {
            return String.format("\\u%04X", (int) c);
        }
        return String.valueOf(c);
    }
}
