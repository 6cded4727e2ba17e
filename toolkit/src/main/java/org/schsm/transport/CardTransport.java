package org.schsm.transport;

import java.util.function.Supplier;
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

    /**
     * Keeps other clients of the same card away until the matching {@link #endExclusive()}, so
     * that no other program can send a command or reset the card between, say, VERIFY and the
     * operation it authorises. Calls nest. A transport that has no other clients (the in-process
     * simulator) has nothing to do, which is what this default does; decorators pass it on.
     */
    default void beginExclusive() {
    }

    /** Ends one {@link #beginExclusive()}; the card is shared again when the outermost one ends. */
    default void endExclusive() {
    }

    /**
     * Runs {@code work} holding the card exclusively and releases it afterwards, also when
     * {@code work} fails. A failure to release is added to {@code work}'s failure rather than
     * replacing it, because the first error is the one the user must see.
     */
    default <T> T exclusive(Supplier<T> work) {
        beginExclusive();
        T result;
        try {
            result = work.get();
        } catch (RuntimeException | Error e) {
            try {
                endExclusive();
            } catch (RuntimeException release) {
                e.addSuppressed(release);
            }
            throw e;
        }
        endExclusive();
        return result;
    }

    /** Releases the card and the reader; never throws for an already closed transport. */
    @Override
    void close();
}
