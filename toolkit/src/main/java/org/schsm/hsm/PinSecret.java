package org.schsm.hsm;

import java.util.Arrays;

/**
 * A PIN value held as bytes, as it goes to the card. {@link #clear()} (or {@link #close()})
 * overwrites the bytes; {@link #toString()} never shows them. The API copies the bytes into the
 * APDU it sends and clears that copy; the caller owns this object and closes it.
 */
public abstract sealed class PinSecret implements AutoCloseable permits Pin, SoPin {
    private final byte[] value;
    private boolean cleared;

    PinSecret(byte[] value) {
        this.value = value;
    }

    /** Number of bytes sent to the card. */
    public int length() {
        return value.length;
    }

    public boolean isCleared() {
        return cleared;
    }

    /** A copy of the bytes; the caller must clear it. */
    byte[] bytes() {
        if (cleared) {
            throw new PinFormatException(kind() + " has been cleared and can no longer be used");
        }
        return value.clone();
    }

    /** Copies the bytes into {@code target} at {@code offset}. */
    void copyTo(byte[] target, int offset) {
        if (cleared) {
            throw new PinFormatException(kind() + " has been cleared and can no longer be used");
        }
        System.arraycopy(value, 0, target, offset, value.length);
    }

    boolean sameBytes(byte[] other) {
        return !cleared && Arrays.equals(value, other);
    }

    public void clear() {
        Arrays.fill(value, (byte) 0);
        cleared = true;
    }

    @Override
    public void close() {
        clear();
    }

    abstract String kind();

    /** The reference this secret is meant for. */
    public abstract PinReference reference();

    @Override
    public String toString() {
        return getClass().getSimpleName() + (cleared ? "[cleared]" : "[**]");
    }
}
