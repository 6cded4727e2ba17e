package org.schsm.hsm;

/**
 * The user PIN's retry counter set at initialization (INITIALIZE DEVICE tag 91), with the limits
 * sc-hsm-tool enforces (reference §2.4): 1 to 10, and a short PIN may not have many tries,
 * because 6 digits with 10 tries is much easier to guess than 6 digits with 3.
 */
public record RetryCounter(int value) {
    public static final int MIN = 1;
    public static final int MAX = 10;
    /** sc-hsm-tool's default. */
    public static final RetryCounter DEFAULT = new RetryCounter(3);

    public RetryCounter {
        if (value < MIN || value > MAX) {
            throw new RetryCounterException("user PIN retry counter " + value + " is out of range "
                    + MIN + ".." + MAX);
        }
    }

    /** Largest counter allowed for a PIN of this many characters: 6 → 3, 7 → 5, longer → 10. */
    public static int maximumFor(int pinLength) {
        if (pinLength <= 6) {
            return 3;
        }
        return pinLength == 7 ? 5 : MAX;
    }

    /** Refuses a counter too large for the PIN's length. */
    public void checkAllowedFor(Pin pin) {
        int max = maximumFor(pin.length());
        if (value > max) {
            throw new RetryCounterException("a user PIN of " + pin.length() + " characters allows at most "
                    + max + " tries, not " + value + " (6 characters: 3, 7: 5, 8 or more: 10)");
        }
    }
}
