package org.schsm.hsm.cvc;

import org.schsm.SchsmException;

/** A card-verifiable certificate (or request) that does not follow BSI TR-03110's layout. */
public class CvcFormatException extends SchsmException {
    private static final long serialVersionUID = 1L;

    public CvcFormatException(String message) {
        super(message);
    }

    public CvcFormatException(String message, Throwable cause) {
        super(message, cause);
    }
}
