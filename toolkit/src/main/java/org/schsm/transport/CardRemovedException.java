package org.schsm.transport;

/** The card was removed (or lost power) while the toolkit was talking to it; any PIN verification is gone with it. */
public class CardRemovedException extends TransportException {
    public CardRemovedException(String message) {
        super(message);
    }

    public CardRemovedException(String message, Throwable cause) {
        super(message, cause);
    }
}
