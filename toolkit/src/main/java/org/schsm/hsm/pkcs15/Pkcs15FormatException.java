package org.schsm.hsm.pkcs15;

import org.schsm.SchsmException;

/** A PKCS#15 descriptor that does not follow ISO 7816-15 / OpenSC's layout. */
public class Pkcs15FormatException extends SchsmException {
    private static final long serialVersionUID = 1L;

    public Pkcs15FormatException(String message) {
        super(message);
    }

    public Pkcs15FormatException(String message, Throwable cause) {
        super(message, cause);
    }
}
