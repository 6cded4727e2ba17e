package org.schsm.hsm;

import org.schsm.apdu.CommandApdu;
import org.schsm.apdu.StatusWord;
import org.schsm.apdu.StatusWordException;

/** {@code 6A88} to a PIN command: the device was never initialized ({@code schsm init}). */
public class NotInitializedException extends StatusWordException {
    public NotInitializedException(String operation, CommandApdu command, StatusWord sw) {
        super(operation, command, sw);
    }
}
