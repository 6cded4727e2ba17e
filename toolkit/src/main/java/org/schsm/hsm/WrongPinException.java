package org.schsm.hsm;

import org.schsm.Advice;
import org.schsm.Remedy;
import org.schsm.apdu.CommandApdu;
import org.schsm.apdu.StatusWord;

/** The card rejected a PIN (63Cx) and counted the try. */
public class WrongPinException extends PinRefusedException {
    public WrongPinException(String operation, CommandApdu command, StatusWord statusWord, PinReference reference) {
        super(operation, command, statusWord, reference);
    }

    /** Tries left as the card reported them; -1 when its answer did not say (INITIALIZE 6985). */
    public int triesLeft() {
        return statusWord().triesLeft();
    }

    @Override
    public Advice advice() {
        int left = triesLeft();
        String what = "wrong " + reference().label() + (left < 0 ? "" : ", " + left + (left == 1 ? " try" : " tries") + " left");
        Advice head = Advice.of(" [" + what + "].");
        return reference() == PinReference.SO
                ? head.then(" Count on SO-PIN tries not coming back (whether a right SO-PIN restores them is"
                        + " undocumented for the real card); run `", new Remedy.Diagnose(), "` before trying another.")
                : left == 1 ? head.then(" One more wrong PIN blocks it.") : head;
    }
}
