package org.schsm.simulator.applet;

import javacard.framework.APDU;
import javacard.framework.ISOException;

/**
 * CHANGE REFERENCE DATA {@code 00 24 00 81|88}: old PIN followed by new PIN. Changing the user
 * PIN ends transport-PIN mode. Clears both PINs from the APDU buffer before it returns.
 */
final class ChangeReferenceDataCommand extends SecretDataCommand {
    private final DeviceState state;
    private final Session session;

    ChangeReferenceDataCommand(DeviceState state, Session session) {
        this.state = state;
        this.session = session;
    }

    void process(APDU apdu, byte[] buf, short off, short nc) {
        if (state.referencedPin(buf) == state.userPin) {
            changeUser(buf, off, nc);
        } else {
            changeSo(buf, off, nc);
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
        pin.checkOrThrow(buf, off, nc < oldLen ? nc : oldLen);
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
        state.soPin.checkOrThrow(buf, off, DeviceState.SO_PIN_LENGTH);
        state.mem.begin();
        state.soPin.setValue(buf, (short) (off + DeviceState.SO_PIN_LENGTH), DeviceState.SO_PIN_LENGTH);
        state.mem.commit();
        session.setSoVerified(true);
    }
}
