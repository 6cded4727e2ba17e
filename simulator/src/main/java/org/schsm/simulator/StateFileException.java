package org.schsm.simulator;

import java.io.IOException;

/** A simulator state file that cannot be used: wrong magic, unknown version, bad checksum. */
public class StateFileException extends IOException {
    private static final long serialVersionUID = 1L;

    public StateFileException(String message) {
        super(message);
    }
}
