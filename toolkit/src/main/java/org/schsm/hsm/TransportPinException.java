package org.schsm.hsm;

import org.schsm.apdu.CommandApdu;
import org.schsm.apdu.StatusWord;
import org.schsm.apdu.StatusWordException;

/** {@code 6984}: the user PIN is a transport PIN; change it first ({@code schsm pin change}). */
public class TransportPinException extends StatusWordException {
    public TransportPinException(String operation, CommandApdu command, StatusWord sw) {
        super(operation, command, sw);
    }
}
