package org.schsm.hsm;

import org.schsm.InvalidInputException;

/**
 * A PIN or SO-PIN was rejected before anything was sent to the card. The message says what is
 * wrong in one line and never contains the PIN itself.
 */
public class PinFormatException extends InvalidInputException {
    public PinFormatException(String message) {
        super(message);
    }
}
