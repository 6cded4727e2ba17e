package org.schsm.simulator;

import org.schsm.transport.TransportException;

/**
 * The simulated card's state file cannot take a spent try (read-only image, disk full, I/O
 * error), so a command that compares a secret was stopped before the comparison. The message is
 * the same whatever the secret was: it must not tell a right PIN from a wrong one.
 */
public final class StateNotWritableException extends TransportException {
    private static final long serialVersionUID = 1L;

    public StateNotWritableException(String message, Throwable cause) {
        super(message, cause);
    }
}
