package org.schsm.simulator.cvc;

import org.schsm.SchsmException;

/** A CV certificate could not be generated (missing algorithm, encoding failure). */
public final class CvcException extends SchsmException {
    public CvcException(String message, Throwable cause) {
        super(message, cause);
    }
}
