package org.schsm.hsm;

import org.schsm.apdu.CommandApdu;
import org.schsm.apdu.StatusWord;
import org.schsm.apdu.StatusWordException;

/** The card refused a presented PIN: wrong ({@link WrongPinException}) or blocked ({@link PinBlockedException}). */
public abstract class PinRefusedException extends StatusWordException {
    private final PinReference reference;

    protected PinRefusedException(String operation, CommandApdu command, StatusWord statusWord, PinReference reference) {
        super(operation, command, statusWord);
        this.reference = reference;
    }

    /** The PIN the card refused (for RESET RETRY COUNTER and INITIALIZE DEVICE, the SO-PIN). */
    public PinReference reference() {
        return reference;
    }
}
