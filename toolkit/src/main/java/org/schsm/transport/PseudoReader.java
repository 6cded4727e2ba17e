package org.schsm.transport;

import java.nio.file.Path;

/**
 * A card that is not behind PC/SC but is chosen like a reader, such as the embedded simulator
 * ({@code sim}, {@code sim:fresh}, {@code sim:FILE}). A module offers one by registering a
 * {@link Factory} with {@link java.util.ServiceLoader}; {@link Readers#system} finds it, so the
 * toolkit never depends on what stands behind it.
 */
public interface PseudoReader {

    /**
     * What the user types after {@code -r} to choose it, e.g. {@code sim}; {@code sim:ARGUMENT}
     * passes an argument. Never a number, so it cannot collide with the index of a PC/SC reader.
     */
    String id();

    /** One line for listings, e.g. "embedded simulated SmartCard-HSM". */
    String description();

    /** The ATR its card answers with, or no bytes when it is only known after opening. */
    default byte[] atr() {
        return new byte[0];
    }

    /**
     * Connects to the card; each call gives a transport of its own that the caller closes.
     *
     * @param argument what followed {@code id:}, or null when the id was given alone
     * @throws org.schsm.InvalidInputException when the argument means nothing to this reader
     */
    CardTransport open(String argument);

    /** Registered with {@link java.util.ServiceLoader}: makes the pseudo-reader of one program run. */
    interface Factory {
        /**
         * @param stateFile where a pseudo-reader that keeps its card in a file keeps it (the CLI's
         *                  {@code --sim-state}), or null for its own default
         */
        PseudoReader create(Path stateFile);
    }
}
