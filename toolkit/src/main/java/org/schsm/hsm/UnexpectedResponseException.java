package org.schsm.hsm;

import org.schsm.SchsmException;

/** The card answered with success but the data does not have the documented structure. */
public class UnexpectedResponseException extends SchsmException {
    public UnexpectedResponseException(String message) {
        super(message);
    }
}
