package org.schsm.transport;

/**
 * A card that is not behind PC/SC but is chosen like a reader, such as the embedded simulator.
 * The application registers it with {@link Readers#with}; the toolkit only sees this interface,
 * so it never depends on what stands behind it.
 */
public interface PseudoReader {

    /**
     * What the user types after {@code -r} to choose it, e.g. {@code sim}. Never a number, so it
     * cannot collide with the index of a PC/SC reader.
     */
    String id();

    /** One line for listings, e.g. "embedded simulated SmartCard-HSM". */
    String description();

    /** The ATR its card answers with, or no bytes when it is only known after {@link #open()}. */
    default byte[] atr() {
        return new byte[0];
    }

    /** Connects to the card; each call gives a transport of its own that the caller closes. */
    CardTransport open();
}
