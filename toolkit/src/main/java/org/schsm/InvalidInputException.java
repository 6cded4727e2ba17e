package org.schsm;

/**
 * Input rejected before anything was sent to a card: malformed hex, a PIN of the wrong length,
 * an unknown option value. The message is one line that names the problem.
 */
public class InvalidInputException extends SchsmException {
    public InvalidInputException(String message) {
        super(message);
    }
}
