package org.schsm.transport;

/** The reader is there but holds no card. */
public class NoCardException extends TransportException {
    public NoCardException(String message) {
        super(message);
    }

    public NoCardException(String message, Throwable cause) {
        super(message, cause);
    }
}
