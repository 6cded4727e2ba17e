package org.schsm.hsm.dkek;

import org.schsm.InvalidInputException;

/** A key blob that is malformed, belongs to another DKEK (KCV) or was altered (CMAC). */
public class KeyBlobException extends InvalidInputException {
    private static final long serialVersionUID = 1L;

    public KeyBlobException(String message) {
        super(message);
    }
}
