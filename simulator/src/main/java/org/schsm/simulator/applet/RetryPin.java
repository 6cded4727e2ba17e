package org.schsm.simulator.applet;

import javacard.framework.ISOException;

/**
 * A PIN with a persistent retry counter, kept in a fixed record inside the applet's persistent
 * state array so the whole card state stays a plain byte image.
 *
 * <p>Record layout (20 bytes): {@code [0]} PIN length (0 = reference not set),
 * {@code [1]} maximum tries, {@code [2]} tries left, {@code [3]} reserved,
 * {@code [4..20)} PIN value, zero padded.
 *
 * <p>{@link #check} decrements the counter and lets that write reach persistent memory before it
 * compares anything; only a match restores the counter. A counter at zero is never restored by
 * {@link #check}: a blocked PIN stays blocked whatever is presented.
 */
final class RetryPin {
    static final short RECORD_LENGTH = 20;
    static final byte MAX_LENGTH = 16;

    private static final short LEN = 0;
    private static final short MAX = 1;
    private static final short LEFT = 2;
    private static final short VALUE = 4;

    private final Nvm mem;
    private final byte[] nvm;
    private final short base;

    RetryPin(Nvm mem, byte[] nvm, short base) {
        this.mem = mem;
        this.nvm = nvm;
        this.base = base;
    }

    boolean isSet() {
        return nvm[(short) (base + LEN)] != 0;
    }

    byte length() {
        return nvm[(short) (base + LEN)];
    }

    byte maxTries() {
        return nvm[(short) (base + MAX)];
    }

    byte triesLeft() {
        return nvm[(short) (base + LEFT)];
    }

    boolean isBlocked() {
        return nvm[(short) (base + LEFT)] == 0;
    }

    /**
     * Spends one try, then compares. Returns true and restores the counter to its maximum on a
     * match. The caller must have checked that the reference is set and not blocked.
     */
    boolean check(byte[] src, short off, short len) {
        byte left = triesLeft();
        if (left <= 0) {
            return false;
        }
        mem.storeCounter(nvm, (short) (base + LEFT), (byte) (left - 1));
        if (!matches(src, off, len)) {
            return false;
        }
        mem.storeCounter(nvm, (short) (base + LEFT), nvm[(short) (base + MAX)]);
        return true;
    }

    /** Answers 6983 for a blocked PIN, else 63Cx with the tries left. */
    void throwFailed() {
        byte left = triesLeft();
        ISOException.throwIt(left <= 0 ? Sw.AUTH_METHOD_BLOCKED : (short) (Sw.TRIES_LEFT_BASE | (left & 0x0F)));
    }

    /**
     * Spends a try and answers 63Cx / 6983 unless the presented value matches; a blocked PIN
     * answers 6983 without comparing. Shared by every command that takes a PIN or SO-PIN.
     */
    void checkOrThrow(byte[] buf, short off, short len) {
        if (isBlocked()) {
            ISOException.throwIt(Sw.AUTH_METHOD_BLOCKED);
        }
        if (!check(buf, off, len)) {
            throwFailed();
        }
    }

    /** Resets tries left to the maximum (RESET RETRY COUNTER); the PIN value stays. */
    void resetCounter() {
        mem.storeCounter(nvm, (short) (base + LEFT), nvm[(short) (base + MAX)]);
    }

    /**
     * Sets value, maximum and tries left. Several fields change: call inside a transaction.
     * {@code len} must be 1..16 (callers validate).
     */
    void set(byte[] src, short off, byte len, byte maxTries) {
        mem.store(nvm, (short) (base + MAX), maxTries);
        mem.store(nvm, (short) (base + LEFT), maxTries);
        setValue(src, off, len);
    }

    /** Replaces the value, keeps the counter. Call inside a transaction. */
    void setValue(byte[] src, short off, byte len) {
        mem.fill(nvm, (short) (base + VALUE), MAX_LENGTH, (byte) 0);
        mem.copy(src, off, nvm, (short) (base + VALUE), len);
        mem.store(nvm, (short) (base + LEN), len);
    }

    /** Comparison over the full record width, independent of where the first difference is. */
    private boolean matches(byte[] src, short off, short len) {
        byte diff = (byte) (len ^ length());
        for (short i = 0; i < MAX_LENGTH; i++) {
            byte presented = i < len ? src[(short) (off + i)] : 0;
            diff |= (byte) (presented ^ nvm[(short) (base + VALUE + i)]);
        }
        return diff == 0;
    }
}
