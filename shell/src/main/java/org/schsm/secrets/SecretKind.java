package org.schsm.secrets;

import java.util.Locale;
import java.util.Optional;
import org.schsm.InvalidInputException;
import org.schsm.hsm.Pin;
import org.schsm.hsm.PinReference;
import org.schsm.hsm.SoPin;

/** What a stored secret is, which decides how it is checked when added and where it may be used. */
public enum SecretKind {
    USER_PIN("user-pin", "user PIN", PinReference.USER),
    SO_PIN("so-pin", "SO-PIN", PinReference.SO),
    PASSWORD("password", "password", null);

    private final String label;
    private final String description;
    private final PinReference reference;

    SecretKind(String label, String description, PinReference reference) {
        this.label = label;
        this.description = description;
        this.reference = reference;
    }

    /** The name used on the command line and in the store file: {@code user-pin}, {@code so-pin}, {@code password}. */
    public String label() {
        return label;
    }

    public String description() {
        return description;
    }

    public Optional<PinReference> reference() {
        return Optional.ofNullable(reference);
    }

    public static SecretKind of(String label) {
        for (SecretKind k : values()) {
            if (k.label.equals(label.toLowerCase(Locale.ROOT))) {
                return k;
            }
        }
        throw new InvalidInputException("unknown secret kind; use user-pin, so-pin or password");
    }

    /**
     * Refuses a value the card could never accept, before it is stored: a user PIN is 6 to 16
     * printable ASCII characters, an SO-PIN 16 hex digits. The messages never show the value.
     */
    void check(char[] value) {
        switch (this) {
            case USER_PIN -> Pin.user(value).clear();
            case SO_PIN -> SoPin.fromHex(value).clear();
            case PASSWORD -> {
                if (value.length == 0) {
                    throw new InvalidInputException("the password is empty");
                }
            }
            default -> throw new IllegalStateException(label);
        }
    }

    @Override
    public String toString() {
        return label;
    }
}
