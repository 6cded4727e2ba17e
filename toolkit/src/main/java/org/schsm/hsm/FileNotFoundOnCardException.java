package org.schsm.hsm;

import org.schsm.apdu.CommandApdu;
import org.schsm.apdu.StatusWord;
import org.schsm.apdu.StatusWordException;

/** The card answered 6A82: the elementary file (or key) does not exist. */
public class FileNotFoundOnCardException extends StatusWordException {
    private static final long serialVersionUID = 1L;

    public FileNotFoundOnCardException(String operation, CommandApdu command, StatusWord statusWord) {
        super(operation, command, statusWord);
    }
}
