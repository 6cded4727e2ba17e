package org.schsm.hsm;

import org.schsm.InvalidInputException;

/** A user-PIN retry counter outside what sc-hsm-tool allows; nothing was sent to the card. */
public class RetryCounterException extends InvalidInputException {
    public RetryCounterException(String message) {
        super(message);
    }
}
