package org.schsm.transport;

/** PC/SC works but no reader is connected, or the named reader has gone away. */
public class NoReaderException extends TransportException {
    public NoReaderException(String message) {
        super(message);
    }

    public NoReaderException(String message, Throwable cause) {
        super(message, cause);
    }
}
