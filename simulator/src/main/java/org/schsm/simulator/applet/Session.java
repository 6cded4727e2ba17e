package org.schsm.simulator.applet;

import javacard.framework.JCSystem;

/**
 * Session state: lives in transient (CLEAR_ON_RESET) memory, so a power cycle clears it, and
 * {@link #logout} clears it on every SELECT of the applet.
 */
final class Session {
    private static final short USER = 0;
    private static final short SO = 1;

    private final boolean[] verified;
    private final short[] currentEf;

    Session() {
        verified = JCSystem.makeTransientBooleanArray((short) 2, JCSystem.CLEAR_ON_RESET);
        currentEf = JCSystem.makeTransientShortArray((short) 1, JCSystem.CLEAR_ON_RESET);
    }

    void logout() {
        verified[USER] = false;
        verified[SO] = false;
        currentEf[0] = 0;
    }

    boolean userVerified() {
        return verified[USER];
    }

    void setUserVerified(boolean value) {
        verified[USER] = value;
    }

    boolean soVerified() {
        return verified[SO];
    }

    void setSoVerified(boolean value) {
        verified[SO] = value;
    }

    /** FID of the current EF, 0 when none is selected. */
    short currentEf() {
        return currentEf[0];
    }

    void setCurrentEf(short fid) {
        currentEf[0] = fid;
    }
}
