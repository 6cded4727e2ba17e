package org.schsm.simulator.applet;

import javacard.framework.APDU;
import javacard.framework.ISOException;

/**
 * VERIFY {@code 00 20 00 81|88}: with data a PIN to check (a try is spent before the
 * comparison), without data a status query that spends nothing. Clears the PIN from the APDU
 * buffer before it returns.
 */
final class VerifyCommand extends SecretDataCommand {
    private final DeviceState state;
    private final Session session;

    VerifyCommand(DeviceState state, Session session) {
        this.state = state;
        this.session = session;
    }

    void process(APDU apdu, byte[] buf, short off, short nc) {
        if (state.referencedPin(buf) == state.userPin) {
            verifyUser(buf, off, nc);
        } else {
            verifySo(buf, off, nc);
        }
    }

    private void verifyUser(byte[] buf, short off, short nc) {
        RetryPin pin = state.userPin;
        if (nc == 0) {
            if (session.userVerified()) {
                return;
            }
            refuseBlockedOrTransport(pin);
            pin.throwFailed();
        }
        if (nc < DeviceState.USER_PIN_MIN || nc > DeviceState.USER_PIN_MAX) {
            ISOException.throwIt(Sw.WRONG_LENGTH);
        }
        refuseBlockedOrTransport(pin);
        session.setUserVerified(false);
        pin.checkOrThrow(buf, off, nc);
        session.setUserVerified(true);
    }

    private void verifySo(byte[] buf, short off, short nc) {
        RetryPin pin = state.soPin;
        if (nc == 0) {
            if (session.soVerified()) {
                return;
            }
            pin.throwFailed();
        }
        if (nc != DeviceState.SO_PIN_LENGTH) {
            ISOException.throwIt(Sw.WRONG_LENGTH);
        }
        session.setSoVerified(false);
        pin.checkOrThrow(buf, off, nc);
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
}
