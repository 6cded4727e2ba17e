package org.schsm.hsm;

import org.schsm.InvalidInputException;

/** A PIN or SO-PIN was refused before anything was sent. The message never contains a user PIN. */
public class PinFormatException extends InvalidInputException {
    public PinFormatException(String message) {
        super(message);
    }
}
