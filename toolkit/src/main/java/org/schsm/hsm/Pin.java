package org.schsm.hsm;

/**
 * A user PIN: 6..16 printable ASCII characters, sent as their ASCII bytes (ref §2.4, §3.1).
 * Validation messages say what is wrong without echoing the PIN.
 */
public final class Pin extends PinSecret {
    public static final int MIN_LENGTH = 6;
    public static final int MAX_LENGTH = 16;

    private Pin(byte[] value) {
        super(value);
    }

    /** Validates and copies {@code chars}; the caller should clear its array afterwards. */
    public static Pin user(char[] chars) {
        if (chars == null || chars.length == 0) {
            throw new PinFormatException("user PIN is empty: it needs 6 to 16 characters");
        }
        checkLength(chars.length, "characters");
        byte[] value = new byte[chars.length];
        for (int i = 0; i < chars.length; i++) {
            char c = chars[i];
            if (c < 0x20 || c > 0x7E) {
                java.util.Arrays.fill(value, (byte) 0);
                throw new PinFormatException("user PIN character " + (i + 1)
                        + " is not printable ASCII (letters, digits, punctuation or space)");
            }
            value[i] = (byte) c;
        }
        return new Pin(value);
    }

    /** A user PIN given as the raw bytes the card compares (6..16 bytes); the array is copied. */
    public static Pin ofBytes(byte[] bytes) {
        if (bytes == null) {
            throw new PinFormatException("user PIN is empty: it needs 6 to 16 bytes");
        }
        checkLength(bytes.length, "bytes");
        return new Pin(bytes.clone());
    }

    private static void checkLength(int n, String unit) {
        if (n < MIN_LENGTH) {
            throw new PinFormatException("user PIN is too short: " + n + " " + unit + ", at least "
                    + MIN_LENGTH + " are needed");
        }
        if (n > MAX_LENGTH) {
            throw new PinFormatException("user PIN is too long: " + n + " " + unit + ", at most "
                    + MAX_LENGTH + " are allowed");
        }
    }

    @Override
    String kind() {
        return "user PIN";
    }

    @Override
    public PinReference reference() {
        return PinReference.USER;
    }
}
