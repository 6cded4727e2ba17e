package org.schsm.hsm;

import org.schsm.Advice;
import org.schsm.Remedy;
import org.schsm.apdu.CommandApdu;
import org.schsm.apdu.StatusWord;
import org.schsm.apdu.StatusWordException;

/** The PIN reference is not set (6A88): the device was never initialized. */
public class NotInitializedException extends StatusWordException {
    public NotInitializedException(String operation, CommandApdu command, StatusWord statusWord) {
        super(operation, command, statusWord);
    }

    @Override
    public Advice advice() {
        return Advice.of(" The device has never been initialized: run `", new Remedy.Initialize(false), "`.");
    }
}
