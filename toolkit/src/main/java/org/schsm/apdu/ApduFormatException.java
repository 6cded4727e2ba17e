package org.schsm.apdu;

import org.schsm.InvalidInputException;

/**
 * A hex string or byte sequence that is not a well-formed APDU. {@link #position()} is the
 * zero-based character (for text) or byte (for binary) offset where the problem was found,
 * or -1 when the problem is the input as a whole.
 */
public class ApduFormatException extends InvalidInputException {
    private final String problem;
    private final int position;

    public ApduFormatException(String message, int position) {
        super(position >= 0 ? message + " (at position " + position + ")" : message);
        this.problem = message;
        this.position = position;
    }

    public int position() {
        return position;
    }

    /** The message without the position, for callers that report the place differently. */
    public String problem() {
        return problem;
    }
}
