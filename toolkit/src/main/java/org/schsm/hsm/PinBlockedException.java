package org.schsm.hsm;

import org.schsm.Advice;
import org.schsm.Remedy;
import org.schsm.apdu.CommandApdu;
import org.schsm.apdu.StatusWord;

/** The PIN is blocked (6983, or 63C0 from the attempt that used the last try). */
public class PinBlockedException extends PinRefusedException {
    public PinBlockedException(String operation, CommandApdu command, StatusWord statusWord, PinReference reference) {
        super(operation, command, statusWord, reference);
    }

    @Override
    public Advice advice() {
        Advice head = Advice.of(" [" + reference().label() + " blocked].");
        return reference() == PinReference.SO
                ? head.then(" A blocked SO-PIN cannot be unblocked; run `", new Remedy.Diagnose(), "` for what is still possible.")
                : head.then(" Run `", new Remedy.Diagnose(), "` for the recovery paths (usually `", new Remedy.UnblockPin(false),
                        "` with the SO-PIN).");
    }
}
