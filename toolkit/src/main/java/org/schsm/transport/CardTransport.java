package org.schsm.transport;

import org.schsm.apdu.CommandApdu;
import org.schsm.apdu.ResponseApdu;

/**
 * A connection to one card: bytes in, bytes out. Decorators (GET RESPONSE handling, tracing)
 * wrap a transport rather than living inside it, so a raw transport can always be had.
 */
public interface CardTransport extends AutoCloseable {

    /**
     * Sends one command APDU and returns the raw response (data followed by SW1 SW2).
     *
     * @throws TransportException when the card cannot be reached (removed, reader gone, I/O error)
     */
    byte[] transmit(byte[] command);

    default ResponseApdu transmit(CommandApdu command) {
        return ResponseApdu.decode(transmit(command.bytes()));
    }

    /** The answer-to-reset of the card as last powered up. */
    byte[] atr();

    /** Reader name, or a descriptive name for the in-process simulator. */
    String name();

    /** Releases the card and the reader; never throws for an already closed transport. */
    @Override
    void close();
}
