package org.schsm.transport;

/** No PC/SC service could be reached: pcscd is not running, or the PC/SC library (libpcsclite) is missing. */
public class PcscUnavailableException extends TransportException {
    public PcscUnavailableException(String message) {
        super(message);
    }

    public PcscUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
