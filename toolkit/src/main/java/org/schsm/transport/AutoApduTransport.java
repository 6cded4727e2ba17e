package org.schsm.transport;

/**
 * A transport that wants to know which commands a decorator added on its own (GET RESPONSE,
 * a resend with the Le from 6Cxx) rather than the caller. The decorator that adds a command
 * calls {@link #transmitAuto} on its inner transport when that transport implements this
 * interface, and plain {@link #transmit(byte[])} otherwise; so the knowledge travels with the
 * call and no shared state is needed.
 */
public interface AutoApduTransport extends CardTransport {

    /** Sends a command that a decorator generated, not one the caller asked for. */
    byte[] transmitAuto(byte[] command);

    /** Sends {@code command} through {@code inner}, marked as automatic when it can be. */
    static byte[] sendAuto(CardTransport inner, byte[] command) {
        return inner instanceof AutoApduTransport auto ? auto.transmitAuto(command) : inner.transmit(command);
    }
}
