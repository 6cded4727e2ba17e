package org.schsm.transport;

import org.schsm.SchsmException;

/**
 * The card or reader could not be reached: no PC/SC service, no reader, no card, card removed,
 * or an I/O failure on the way. Nothing about the card's answer is known.
 */
public class TransportException extends SchsmException {
    public TransportException(String message) {
        super(message);
    }

    public TransportException(String message, Throwable cause) {
        super(message, cause);
    }
}
