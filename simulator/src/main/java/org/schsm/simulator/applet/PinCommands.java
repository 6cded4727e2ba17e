package org.schsm.simulator.applet;

import javacard.framework.APDU;
import javacard.framework.ISO7816;
import javacard.framework.ISOException;
import javacard.framework.Util;

/**
 * VERIFY (20), CHANGE REFERENCE DATA (24) and RESET RETRY COUNTER (2C) for references 81/88.
 * Each command clears the PIN bytes from the APDU buffer before it returns.
 */
final class PinCommands {
    static final byte REF_USER = (byte) 0x81;
    static final byte REF_SO = (byte) 0x88;

    private static final byte RRC_SO_AND_NEW_PIN = 0x00;
    private static final byte RRC_SO_ONLY = 0x01;
    private static final byte RRC_NEW_PIN_WITH_SO_SESSION = 0x02;
    private static final byte RRC_COUNTER_WITH_SO_SESSION = 0x03;

    private final DeviceState state;
    private final Session session;

    PinCommands(DeviceState state, Session session) {
        this.state = state;
        this.session = session;
    }

    /** Answers 6983 for a blocked PIN, else 63Cx with the tries left. */
    static void throwFailed(RetryPin pin) {
        byte left = pin.triesLeft();
        ISOException.throwIt(left <= 0 ? Sw.AUTH_METHOD_BLOCKED : (short) (Sw.TRIES_LEFT_BASE | (left & 0x0F)));
    }

    /** Spends a try on {@code pin} and answers 63Cx / 6983 unless the presented value matches. */
    static void checkOrThrow(RetryPin pin, byte[] buf, short off, short len) {
        if (pin.isBlocked()) {
            ISOException.throwIt(Sw.AUTH_METHOD_BLOCKED);
        }
        if (!pin.check(buf, off, len)) {
            throwFailed(pin);
        }
    }

    void verify(APDU apdu) {
        byte[] buf = apdu.getBuffer();
        short nc = Io.receive(apdu);
        short off = apdu.getOffsetCdata();
        try {
            if (checkParameters(buf) == REF_USER) {
                verifyUser(buf, off, nc);
            } else {
                verifySo(buf, off, nc);
            }
        } finally {
            Util.arrayFillNonAtomic(buf, off, nc, (byte) 0);
        }
    }

    private void verifyUser(byte[] buf, short off, short nc) {
        RetryPin pin = state.userPin;
        if (nc == 0) {
            if (session.userVerified()) {
                return;
            }
            refuseBlockedOrTransport(pin);
            throwFailed(pin);
        }
        if (nc < DeviceState.USER_PIN_MIN || nc > DeviceState.USER_PIN_MAX) {
            ISOException.throwIt(Sw.WRONG_LENGTH);
        }
        refuseBlockedOrTransport(pin);
        session.setUserVerified(false);
        checkOrThrow(pin, buf, off, nc);
        session.setUserVerified(true);
    }

    private void verifySo(byte[] buf, short off, short nc) {
        RetryPin pin = state.soPin;
        if (nc == 0) {
            if (session.soVerified()) {
                return;
            }
            throwFailed(pin);
        }
        if (nc != DeviceState.SO_PIN_LENGTH) {
            ISOException.throwIt(Sw.WRONG_LENGTH);
        }
        session.setSoVerified(false);
        checkOrThrow(pin, buf, off, nc);
        session.setSoVerified(true);
    }

    private void refuseBlockedOrTransport(RetryPin pin) {
        if (pin.isBlocked()) {
            ISOException.throwIt(Sw.AUTH_METHOD_BLOCKED);
        }
        if (state.isOptionSet(DeviceState.OPTION_TRANSPORT_PIN)) {
            ISOException.throwIt(Sw.REFERENCE_DATA_NOT_USABLE);
        }
    }

    void changeReferenceData(APDU apdu) {
        byte[] buf = apdu.getBuffer();
        short nc = Io.receive(apdu);
        short off = apdu.getOffsetCdata();
        try {
            if (checkParameters(buf) == REF_USER) {
                changeUser(buf, off, nc);
            } else {
                changeSo(buf, off, nc);
            }
        } finally {
            Util.arrayFillNonAtomic(buf, off, nc, (byte) 0);
        }
    }

    /**
     * Old and new PIN are split by the stored length of the old one. Only the bounds every
     * old/new pair must meet (12..32 bytes) are checked before a try is spent, so probing Lc
     * reveals nothing about the stored PIN length; a bad new length is reported after the old
     * PIN proved right.
     */
    private void changeUser(byte[] buf, short off, short nc) {
        RetryPin pin = state.userPin;
        if (nc < 2 * DeviceState.USER_PIN_MIN || nc > 2 * DeviceState.USER_PIN_MAX) {
            ISOException.throwIt(Sw.WRONG_LENGTH);
        }
        session.setUserVerified(false);
        short oldLen = pin.length();
        checkOrThrow(pin, buf, off, nc < oldLen ? nc : oldLen);
        short newLen = (short) (nc - oldLen);
        if (newLen < DeviceState.USER_PIN_MIN || newLen > DeviceState.USER_PIN_MAX) {
            ISOException.throwIt(Sw.WRONG_LENGTH);
        }
        state.mem.begin();
        pin.setValue(buf, (short) (off + oldLen), (byte) newLen);
        state.clearOption(DeviceState.OPTION_TRANSPORT_PIN);
        state.mem.commit();
        session.setUserVerified(true);
    }

    private void changeSo(byte[] buf, short off, short nc) {
        if (nc != 2 * DeviceState.SO_PIN_LENGTH) {
            ISOException.throwIt(Sw.WRONG_LENGTH);
        }
        session.setSoVerified(false);
        checkOrThrow(state.soPin, buf, off, DeviceState.SO_PIN_LENGTH);
        state.mem.begin();
        state.soPin.setValue(buf, (short) (off + DeviceState.SO_PIN_LENGTH), DeviceState.SO_PIN_LENGTH);
        state.mem.commit();
        session.setSoVerified(true);
    }

    void resetRetryCounter(APDU apdu) {
        byte[] buf = apdu.getBuffer();
        short nc = Io.receive(apdu);
        try {
            resetRetryCounter(apdu, buf, nc);
        } finally {
            Util.arrayFillNonAtomic(buf, apdu.getOffsetCdata(), nc, (byte) 0);
        }
    }

    private void resetRetryCounter(APDU apdu, byte[] buf, short nc) {
        byte mode = buf[ISO7816.OFFSET_P1];
        if (mode < RRC_SO_AND_NEW_PIN || mode > RRC_COUNTER_WITH_SO_SESSION) {
            ISOException.throwIt(Sw.INCORRECT_P1P2);
        }
        if (buf[ISO7816.OFFSET_P2] != REF_USER || !state.isInitialized()) {
            ISOException.throwIt(Sw.REFERENCED_DATA_NOT_FOUND);
        }
        if (!state.isOptionSet(DeviceState.OPTION_RRC)) {
            ISOException.throwIt(Sw.COMMAND_NOT_ALLOWED);
        }
        boolean soInData = mode == RRC_SO_AND_NEW_PIN || mode == RRC_SO_ONLY;
        boolean newPin = mode == RRC_SO_AND_NEW_PIN || mode == RRC_NEW_PIN_WITH_SO_SESSION;
        short off = apdu.getOffsetCdata();
        short pinOff = soInData ? (short) (off + DeviceState.SO_PIN_LENGTH) : off;
        short pinLen = (short) (nc - (pinOff - off));
        if (newPin ? pinLen < DeviceState.USER_PIN_MIN || pinLen > DeviceState.USER_PIN_MAX : pinLen != 0) {
            ISOException.throwIt(Sw.WRONG_LENGTH);
        }
        if (soInData) {
            session.setSoVerified(false);
            checkOrThrow(state.soPin, buf, off, DeviceState.SO_PIN_LENGTH);
        } else if (!session.soVerified()) {
            ISOException.throwIt(Sw.SECURITY_STATUS_NOT_SATISFIED);
        }
        RetryPin user = state.userPin;
        if (newPin) {
            state.mem.begin();
            user.set(buf, pinOff, (byte) pinLen, user.maxTries());
            state.mem.commit();
        } else {
            user.resetCounter();
        }
        session.setUserVerified(false);
    }

    /** P1 must be 00 (6A86); P2 must name the user PIN or the SO-PIN (6A88); device set up (6A88). */
    private byte checkParameters(byte[] buf) {
        if (buf[ISO7816.OFFSET_P1] != 0) {
            ISOException.throwIt(Sw.INCORRECT_P1P2);
        }
        byte ref = buf[ISO7816.OFFSET_P2];
        if ((ref != REF_USER && ref != REF_SO) || !state.isInitialized()) {
            ISOException.throwIt(Sw.REFERENCED_DATA_NOT_FOUND);
        }
        return ref;
    }
}
