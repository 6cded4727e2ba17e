package org.schsm.session;

import org.schsm.transport.CardTransport;

/**
 * An open connection for one command: the decorated transport commands use, the raw transport
 * underneath (for exclusive access and the ATR), and whether the embedded simulator stands in.
 */
public record CardSession(CardTransport transport, CardTransport raw, boolean simulated, String description)
        implements AutoCloseable {
    @Override
    public void close() {
        transport.close();
    }
}
