package org.schsm.hsm;

import org.schsm.apdu.CommandApdu;
import org.schsm.apdu.StatusWord;
import org.schsm.apdu.StatusWordException;

/** {@code 63Cx}: the PIN (or SO-PIN) was wrong; {@link #triesLeft()} = x. */
public class WrongPinException extends StatusWordException {
    private final PinReference reference;

    public WrongPinException(String operation, PinReference reference, CommandApdu command, StatusWord sw) {
        super(operation, command, sw);
        this.reference = reference;
    }

    public PinReference reference() {
        return reference;
    }

    public int triesLeft() {
        return statusWord().triesLeft();
    }
}
