package org.schsm.hsm;

import java.util.Arrays;

/**
 * The SO-PIN (initialization code): always 8 bytes on the card, entered as exactly 16 hex digits
 * (ref §2.4, §10). The documented default {@value #DEFAULT_HEX} is the ASCII of "57621880"; a user
 * who types those 8 characters is told the hex form instead of having them sent (a different
 * 8-byte value would cost one of the 15 SO-PIN tries, which never come back).
 */
public final class SoPin extends PinSecret {
    /** The SO-PIN documented by CardContact and Nitrokey. */
    public static final String DEFAULT_HEX = "3537363231383830";
    public static final int LENGTH = 8;
    private static final byte[] DEFAULT = {0x35, 0x37, 0x36, 0x32, 0x31, 0x38, 0x38, 0x30};

    private SoPin(byte[] value) {
        super(value);
    }

    /** Parses exactly 16 hex digits (upper or lower case) into 8 bytes. */
    public static SoPin fromHex(char[] hex) {
        if (hex == null || hex.length == 0) {
            throw new PinFormatException("SO-PIN is empty: it must be 16 hex digits (8 bytes)");
        }
        if (hex.length == LENGTH && allAscii(hex)) {
            throw new PinFormatException("SO-PIN must be 16 hex digits, got 8 characters: if these are the"
                    + " characters of the SO-PIN, its hex form is " + asciiHex(hex)
                    + " (enter that, or convert explicitly with SoPin.fromAsciiCharacters)");
        }
        if (hex.length != 2 * LENGTH) {
            throw new PinFormatException("SO-PIN must be exactly 16 hex digits (8 bytes), got "
                    + hex.length + " characters");
        }
        byte[] value = new byte[LENGTH];
        for (int i = 0; i < LENGTH; i++) {
            int hi = Character.digit(hex[2 * i], 16);
            int lo = Character.digit(hex[2 * i + 1], 16);
            if (hi < 0 || lo < 0 || hex[2 * i] > 0x7F || hex[2 * i + 1] > 0x7F) {
                Arrays.fill(value, (byte) 0);
                int position = hi < 0 || hex[2 * i] > 0x7F ? 2 * i + 1 : 2 * i + 2;
                throw new PinFormatException("SO-PIN character " + position
                        + " is not a hex digit: the SO-PIN is 16 characters from 0-9 and A-F");
            }
            value[i] = (byte) ((hi << 4) | lo);
        }
        return new SoPin(value);
    }

    /** Explicit conversion of 8 ASCII characters (e.g. "57621880") to their bytes. */
    public static SoPin fromAsciiCharacters(char[] chars) {
        if (chars == null || chars.length != LENGTH || !allAscii(chars)) {
            throw new PinFormatException("an SO-PIN given as characters must be exactly 8 printable ASCII characters, got "
                    + (chars == null ? 0 : chars.length));
        }
        byte[] value = new byte[LENGTH];
        for (int i = 0; i < LENGTH; i++) {
            value[i] = (byte) chars[i];
        }
        return new SoPin(value);
    }

    /** The 8 raw bytes; the array is copied. */
    public static SoPin ofBytes(byte[] bytes) {
        if (bytes == null || bytes.length != LENGTH) {
            throw new PinFormatException("SO-PIN must be exactly 8 bytes, got " + (bytes == null ? 0 : bytes.length));
        }
        return new SoPin(bytes.clone());
    }

    /** A new object holding the documented default {@value #DEFAULT_HEX}. */
    public static SoPin defaultSoPin() {
        return new SoPin(DEFAULT.clone());
    }

    /** True when this is the documented default, which anyone can look up: warn the user. */
    public boolean isDefault() {
        return sameBytes(DEFAULT);
    }

    private static boolean allAscii(char[] chars) {
        for (char c : chars) {
            if (c < 0x20 || c > 0x7E) {
                return false;
            }
        }
        return true;
    }

    private static String asciiHex(char[] chars) {
        StringBuilder sb = new StringBuilder(chars.length * 2);
        for (char c : chars) {
            sb.append(org.schsm.apdu.Hex.byteHex(c));
        }
        return sb.toString();
    }

    @Override
    String kind() {
        return "SO-PIN";
    }

    @Override
    public PinReference reference() {
        return PinReference.SO;
    }
}
