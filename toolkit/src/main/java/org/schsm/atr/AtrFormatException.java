package org.schsm.atr;

import org.schsm.InvalidInputException;

/**
 * Bytes that are not an answer-to-reset: wrong TS, truncated interface or historical bytes, a
 * missing TCK, or bytes after the end. {@link #position()} is the byte offset, -1 for the whole.
 */
public class AtrFormatException extends InvalidInputException {
    private final int position;

    public AtrFormatException(String message, int position) {
        super(position >= 0 ? message + " (at byte " + position + ")" : message);
        this.position = position;
    }

    public int position() {
        return position;
    }
}
