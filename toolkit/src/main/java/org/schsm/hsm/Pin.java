package org.schsm.hsm;

import org.schsm.Secret;

/**
 * A user PIN: 6 to 16 printable ASCII characters, sent to the card as their ASCII bytes (the
 * limits sc-hsm-tool enforces and CardContact confirms for the APDU level, reference §2.4).
 *
 * <p>Validation messages name the problem (length, position of a bad character) and never echo
 * the PIN or any of its characters.
 */
public final class Pin extends PinValue {
    public static final int MIN_LENGTH = 6;
    public static final int MAX_LENGTH = 16;

    private Pin(byte[] value, char[] characters) {
        super(value, characters);
    }

    /**
     * Validates and copies a user PIN. The caller still owns {@code characters} and should clear
     * it (for instance with {@code Arrays.fill(chars, '\0')}) once this returns.
     */
    public static Pin user(@Secret char[] characters) {
        return new Pin(PinText.toAscii(characters, MIN_LENGTH, MAX_LENGTH, "user PIN"), characters);
    }

    /**
     * Convenience for scripts and tests. A {@code String} cannot be cleared, so prefer
     * {@link #user(char[])} wherever the PIN comes from a prompt or a file.
     */
    public static Pin user(@Secret String text) {
        return user(text.toCharArray());
    }

    @Override
    public PinReference reference() {
        return PinReference.USER;
    }
}
