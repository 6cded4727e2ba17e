package org.schsm.simulator;

import java.util.Objects;
import org.schsm.transport.CardTransport;
import org.schsm.transport.TransportException;

/**
 * The in-process simulator as a {@link CardTransport}: bytes in, bytes out, no GET RESPONSE
 * handling or tracing of its own (wrap it for those). Closing the transport does not touch the
 * card; the {@link SimulatedCard} keeps its state and can be given to a new transport.
 */
public final class SimulatorTransport implements CardTransport {
    public static final String NAME = "schsm simulator";

    private final SimulatedCard card;
    private volatile boolean closed;

    public SimulatorTransport(SimulatedCard card) {
        this.card = Objects.requireNonNull(card, "card");
    }

    /** A transport to a new, factory-fresh simulated card. */
    public static SimulatorTransport withFreshCard() {
        return new SimulatorTransport(SimulatedCard.create());
    }

    public SimulatedCard card() {
        return card;
    }

    @Override
    public byte[] transmit(byte[] command) {
        if (closed) {
            throw new TransportException("transport '" + NAME + "' is closed");
        }
        return card.transmit(command);
    }

    @Override
    public byte[] atr() {
        return card.atr();
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public void close() {
        closed = true;
    }
}
