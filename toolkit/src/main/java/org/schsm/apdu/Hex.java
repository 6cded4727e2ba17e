package org.schsm.apdu;

/**
 * Hex text as people paste it: {@code 00A40400}, {@code 00 A4 04 00}, {@code 00:A4:04:00},
 * upper or lower case. Separators (space, tab, colon, dash, newline) may stand between bytes but
 * never inside one, so a stray separator is reported instead of silently shifting nibbles.
 */
public final class Hex {
    private static final char[] DIGITS = "0123456789ABCDEF".toCharArray();

    private Hex() {
    }

    public static String encode(byte[] bytes) {
        return encode(bytes, 0, bytes.length);
    }

    public static String encode(byte[] bytes, int offset, int length) {
        char[] out = new char[length * 2];
        for (int i = 0; i < length; i++) {
            int b = bytes[offset + i] & 0xFF;
            out[2 * i] = DIGITS[b >>> 4];
            out[2 * i + 1] = DIGITS[b & 0x0F];
        }
        return new String(out);
    }

    /** Bytes separated by single spaces, the form traces use: {@code 00 A4 04 00}. */
    public static String spaced(byte[] bytes) {
        if (bytes.length == 0) {
            return "";
        }
        StringBuilder sb = new StringBuilder(bytes.length * 3 - 1);
        for (int i = 0; i < bytes.length; i++) {
            if (i > 0) {
                sb.append(' ');
            }
            int b = bytes[i] & 0xFF;
            sb.append(DIGITS[b >>> 4]).append(DIGITS[b & 0x0F]);
        }
        return sb.toString();
    }

    public static String byteHex(int b) {
        return new String(new char[] {DIGITS[(b >>> 4) & 0x0F], DIGITS[b & 0x0F]});
    }

    /**
     * Decodes hex text. Throws {@link ApduFormatException} naming the offending character and its
     * position for non-hex characters, a separator inside a byte, or an odd number of digits.
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
