package org.schsm.hsm;

import org.schsm.apdu.CommandApdu;
import org.schsm.apdu.StatusWord;
import org.schsm.apdu.StatusWordException;

/**
 * A PIN command answered 6986 (command not allowed). A selected SmartCard-HSM never answers VERIFY
 * or CHANGE REFERENCE DATA so; the card does when the application was not selected first (the
 * first command of a session sent without SELECT, docs/protocol.md §1.1).
 */
public class NotSelectedException extends StatusWordException {
    public NotSelectedException(String operation, CommandApdu command, StatusWord statusWord) {
        super(operation, command, statusWord);
    }

    @Override
    public String getMessage() {
        return super.getMessage() + " This usually means the SmartCard-HSM application is not selected: "
                + "select it first (hsm.select(), or connect with SmartCardHsm.connect(transport)).";
    }
}
