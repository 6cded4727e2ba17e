package org.schsm.hsm;

import org.schsm.Advice;
import org.schsm.Remedy;
import org.schsm.apdu.CommandApdu;
import org.schsm.apdu.StatusWord;
import org.schsm.apdu.StatusWordException;

/** The user PIN is still a transport PIN (6984); no try was spent. */
public class TransportPinException extends StatusWordException {
    public TransportPinException(String operation, CommandApdu command, StatusWord statusWord) {
        super(operation, command, statusWord);
    }

    @Override
    public Advice advice() {
        return Advice.of(" The user PIN is a transport PIN: change it first with `", new Remedy.ChangePin(), "`.");
    }
}
