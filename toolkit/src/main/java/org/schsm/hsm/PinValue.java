package org.schsm.hsm;

import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Optional;

/**
 * A secret presented to the card: the user PIN ({@link Pin}) or the SO-PIN ({@link SoPin}).
 *
 * <p>The bytes stay inside: there is no getter, {@link #toString()} shows only the length, and
 * {@link #clear()} (also {@link #close()}, so try-with-resources works) overwrites them.
 * {@code equals} is identity on purpose: a value-based {@code equals}/{@code hashCode} would
 * leak the secret through hash tables and timing; use {@link #sameValueAs} to compare.
 */
public abstract sealed class PinValue implements AutoCloseable permits Pin, SoPin {
    private final byte[] value;
    private final PinOrigin origin;
    private boolean cleared;

    /**
     * Takes ownership of {@code value}; the caller must not keep a reference. {@code characters}
     * are those the value was made from: if a source attached an origin to them
     * ({@link PinOrigins#attach}), the value carries it, and must be for the PIN that origin is for.
     */
    PinValue(byte[] value, char[] characters) {
        this.value = value;
        this.origin = characters == null ? null : PinOrigins.of(characters).orElse(null);
        if (origin != null && origin.reference().isPresent() && origin.reference().get() != reference()) {
            Arrays.fill(value, (byte) 0);
            throw new PinFormatException(origin.describe() + " is stored for the " + origin.reference().get().label()
                    + ", not for the " + reference().label());
        }
    }

    /** Where the value came from, when that place wants to know how the card answered (see {@link PinOrigin}). */
    public Optional<PinOrigin> origin() {
        return Optional.ofNullable(origin);
    }

    /** Which PIN of the card this value is for. */
    public abstract PinReference reference();

    /** Number of bytes sent to the card. */
    public int length() {
        return value.length;
    }

    /** Overwrites the secret; any later use of this value throws {@link IllegalStateException}. */
    public void clear() {
        Arrays.fill(value, (byte) 0);
        cleared = true;
    }

    public boolean isCleared() {
        return cleared;
    }

    @Override
    public void close() {
        clear();
    }

    /**
     * True when both are for the same reference and hold the same bytes. The byte comparison
     * takes the same time wherever the first difference is.
     */
    public boolean sameValueAs(PinValue other) {
        checkNotCleared();
        other.checkNotCleared();
        return reference() == other.reference() && MessageDigest.isEqual(value, other.value);
    }

    /** Copies the secret into an APDU buffer that the caller clears after sending. */
    void copyInto(byte[] destination, int offset) {
        checkNotCleared();
        System.arraycopy(value, 0, destination, offset, value.length);
    }

    /** Constant-time comparison with bytes known to the class (the documented default SO-PIN). */
    boolean matches(byte[] candidate) {
        checkNotCleared();
        return MessageDigest.isEqual(value, candidate);
    }

    private void checkNotCleared() {
        if (cleared) {
            throw new IllegalStateException(reference().label() + " value has been cleared and cannot be used again");
        }
    }

    /** {@code Pin[6 bytes, **]}: the length only, never the value. */
    @Override
    public String toString() {
        return getClass().getSimpleName() + "[" + (cleared ? "cleared" : value.length + " bytes, **") + "]";
    }
}
