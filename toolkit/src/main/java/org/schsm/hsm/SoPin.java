package org.schsm.hsm;

import java.util.Arrays;
import org.schsm.Secret;
import org.schsm.apdu.Hex;

/**
 * The SO-PIN (initialization code): always 8 bytes on the card, written as 16 hex digits, the
 * form sc-hsm-tool and OpenSC's PKCS#11 module accept (reference §2.4, §10).
 *
 * <p>The pitfall this class exists for: the documented default is {@value #DEFAULT_HEX}, whose
 * bytes are the ASCII codes of the 8 characters {@code 57621880}. Typing those 8 characters, or
 * 16 characters that are not hex, gives an SO-PIN nobody can reproduce, and every wrong attempt
 * burns one of 15 tries, which a real card may never give back. So {@link #fromHex} refuses 8 characters and shows
 * their hex form, and the ASCII reading is a separate, explicit factory.
 */
public final class SoPin extends PinValue {
    /** Number of bytes the card expects. */
    public static final int LENGTH = 8;
    /** The default SO-PIN documented by CardContact, OpenSC and Nitrokey. */
    public static final String DEFAULT_HEX = "3537363231383830";

    private static final byte[] DEFAULT = Hex.decode(DEFAULT_HEX);

    private SoPin(byte[] value, char[] characters) {
        super(value, characters);
    }

    /**
     * Parses exactly 16 hex digits (no separators). Refuses 8 characters with a message that
     * gives their hex form, so someone holding "57621880" learns to type 3537363231383830.
     */
    public static SoPin fromHex(@Secret char[] hexDigits) {
        int n = hexDigits.length;
        if (n == LENGTH) {
            throw eightCharacterRefusal(hexDigits);
        }
        if (n != 2 * LENGTH) {
            throw new PinFormatException("SO-PIN has " + n + " characters; it must be exactly 16 hex digits"
                    + " (8 bytes), for example the default " + DEFAULT_HEX);
        }
        byte[] out = new byte[LENGTH];
        for (int i = 0; i < n; i++) {
            int digit = hexDigits[i] > 0x7F ? -1 : Character.digit(hexDigits[i], 16);
            if (digit < 0) {
                Arrays.fill(out, (byte) 0);
                throw new PinFormatException("SO-PIN character " + (i + 1) + " of 16 is not a hex digit;"
                        + " the SO-PIN is 16 hex digits (0-9, A-F) encoding 8 bytes");
            }
            out[i / 2] = (byte) ((out[i / 2] << 4) | digit);
        }
        return new SoPin(out, hexDigits);
    }

    /** Convenience for scripts and tests; prefer {@link #fromHex(char[])}, which can be cleared. */
    public static SoPin fromHex(@Secret String hexDigits) {
        return fromHex(hexDigits.toCharArray());
    }

    /**
     * The explicit ASCII reading: 8 printable characters become their 8 ASCII codes, so
     * {@code 57621880} gives the default SO-PIN {@value #DEFAULT_HEX}. Only for people who know
     * their SO-PIN in this form; a CLI should offer it behind its own option.
     */
    public static SoPin fromAsciiCharacters(@Secret char[] characters) {
        return new SoPin(PinText.toAscii(characters, LENGTH, LENGTH, "SO-PIN in ASCII form"), characters);
    }

    public static SoPin fromAsciiCharacters(@Secret String characters) {
        return fromAsciiCharacters(characters.toCharArray());
    }

    /** The documented default, {@value #DEFAULT_HEX}. */
    public static SoPin defaultSoPin() {
        return new SoPin(DEFAULT.clone(), null);
    }

    /** True when this is the documented default, so callers can warn that it must be changed. */
    public boolean isDefault() {
        return matches(DEFAULT);
    }

    @Override
    public PinReference reference() {
        return PinReference.SO;
    }

    /*
     * The message used to print the hex form of the 8 characters, so that the user could copy it.
     * That form is the SO-PIN itself (reversible), and error output ends up in CI logs and bug
     * reports; so it explains the rule on the documented default only, which is public, and points
     * to the explicit ASCII option, which converts without showing anything.
     */
    private static PinFormatException eightCharacterRefusal(char[] characters) {
        boolean printable = true;
        for (char c : characters) {
            printable &= c >= 0x20 && c <= 0x7E;
        }
        String conversion = printable
                ? "if these 8 characters are the SO-PIN in ASCII form, use the explicit ASCII option, or give the"
                        + " hex codes of the characters (the default \"57621880\" is " + DEFAULT_HEX + ")"
                : "8 characters can only be an ASCII form, and these are not all printable ASCII";
        return new PinFormatException("SO-PIN must be 16 hex digits (8 bytes), not 8 characters; " + conversion);
    }
}
