package org.schsm.transport;

import org.schsm.InvalidInputException;

/**
 * The transport cannot put these exact bytes on the wire (the JDK's PC/SC provider rewrites the
 * class byte and refuses commands shorter than 4 bytes, for instance), so it sent nothing rather
 * than something else. The message says what it would have changed and what can send it.
 */
public class UnsendableCommandException extends InvalidInputException {
    public UnsendableCommandException(String message) {
        super(message);
    }
}
