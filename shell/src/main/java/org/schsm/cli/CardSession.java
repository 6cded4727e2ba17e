package org.schsm.cli;

import org.schsm.transport.CardTransport;

/**
 * An open connection for one command: the decorated transport, and a note for the user when the
 * embedded simulator stands in for a reader.
 */
public record CardSession(CardTransport transport, boolean simulated, String description) implements AutoCloseable {
    @Override
    public void close() {
        transport.close();
    }
}
