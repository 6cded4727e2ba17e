package org.schsm.hsm.dkek;

import org.schsm.InvalidInputException;

/** A share file's padding did not check out after decryption: the password is wrong (or the file damaged). */
public class WrongPasswordException extends InvalidInputException {
    private static final long serialVersionUID = 1L;

    public WrongPasswordException() {
        super("the password does not open this DKEK share file (or the file is damaged)");
    }
}
