package org.schsm.hsm;

import org.schsm.apdu.CommandApdu;
import org.schsm.apdu.StatusWord;
import org.schsm.apdu.StatusWordException;

/** {@code 6983}: the PIN is blocked (possibly by this very attempt). */
public class PinBlockedException extends StatusWordException {
    private final PinReference reference;

    public PinBlockedException(String operation, PinReference reference, CommandApdu command, StatusWord sw) {
        super(operation, command, sw);
        this.reference = reference;
    }

    public PinReference reference() {
        return reference;
    }
}
