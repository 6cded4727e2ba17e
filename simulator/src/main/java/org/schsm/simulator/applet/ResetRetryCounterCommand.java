package org.schsm.simulator.applet;

import javacard.framework.APDU;
import javacard.framework.ISO7816;
import javacard.framework.ISOException;

/**
 * RESET RETRY COUNTER {@code 00 2C P1 81}: P1 00 SO-PIN and new user PIN, 01 SO-PIN only,
 * 02 new user PIN in an SO session, 03 nothing in an SO session. Needs option 0001 from
 * INITIALIZE DEVICE. Clears the PINs from the APDU buffer before it returns.
 */
final class ResetRetryCounterCommand extends SecretDataCommand {
    private static final byte SO_AND_NEW_PIN = 0x00;
    private static final byte SO_ONLY = 0x01;
    private static final byte NEW_PIN_WITH_SO_SESSION = 0x02;
    private static final byte COUNTER_WITH_SO_SESSION = 0x03;

    private final DeviceState state;
    private final Session session;

    ResetRetryCounterCommand(DeviceState state, Session session) {
        this.state = state;
        this.session = session;
    }

    void process(APDU apdu, byte[] buf, short off, short nc) {
        byte mode = buf[ISO7816.OFFSET_P1];
        if (mode < SO_AND_NEW_PIN || mode > COUNTER_WITH_SO_SESSION) {
            ISOException.throwIt(Sw.INCORRECT_P1P2);
        }
        if (buf[ISO7816.OFFSET_P2] != DeviceState.REF_USER || !state.isInitialized()) {
            ISOException.throwIt(Sw.REFERENCED_DATA_NOT_FOUND);
        }
        if (!state.isOptionSet(DeviceState.OPTION_RRC)) {
            ISOException.throwIt(Sw.COMMAND_NOT_ALLOWED);
        }
        boolean soInData = mode == SO_AND_NEW_PIN || mode == SO_ONLY;
        boolean newPin = mode == SO_AND_NEW_PIN || mode == NEW_PIN_WITH_SO_SESSION;
        short pinOff = soInData ? (short) (off + DeviceState.SO_PIN_LENGTH) : off;
        short pinLen = (short) (nc - (pinOff - off));
        if (newPin ? pinLen < DeviceState.USER_PIN_MIN || pinLen > DeviceState.USER_PIN_MAX : pinLen != 0) {
            ISOException.throwIt(Sw.WRONG_LENGTH);
        }
        if (soInData) {
            session.setSoVerified(false);
            state.soPin.checkOrThrow(buf, off, DeviceState.SO_PIN_LENGTH);
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
}
