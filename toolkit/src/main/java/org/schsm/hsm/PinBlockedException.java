package org.schsm.hsm;

import org.schsm.apdu.CommandApdu;
import org.schsm.apdu.StatusWord;

/** The PIN is blocked (6983, or 63C0 from the attempt that used the last try). */
public class PinBlockedException extends PinRefusedException {
    public PinBlockedException(String operation, CommandApdu command, StatusWord statusWord, PinReference reference) {
        super(operation, command, statusWord, reference);
    }

    @Override
    public String getMessage() {
        String recovery = reference() == PinReference.SO
                ? " A blocked SO-PIN cannot be unblocked; run `schsm doctor` for what is still possible."
                : " Run `schsm doctor` for the recovery paths (usually `schsm pin unblock` with the SO-PIN).";
        return super.getMessage() + " [" + reference().label() + " blocked]." + recovery;
    }
}
