package org.schsm.simulator.vpcd;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Objects;
import org.schsm.simulator.SimulatedCard;

/**
 * Puts a {@link SimulatedCard} into a vpcd reader. Every power event of the reader (off, on,
 * reset) power-cycles the simulated card, so a PIN verified before it no longer counts, as on a
 * real card; persistent state is untouched.
 */
public final class SimulatedCardVirtualCard implements VirtualCard {
    private final SimulatedCard card;

    public SimulatedCardVirtualCard(SimulatedCard card) {
        this.card = Objects.requireNonNull(card, "card");
    }

    /**
     * A hook for {@link VpcdClient.Builder#afterCommand} that saves the card's state to
     * {@code stateFile} (atomically replacing the previous version).
     *
     * @throws UncheckedIOException from the hook when the file cannot be written; the client
     *         logs it and goes on serving the card
     */
    public Runnable saveTo(Path stateFile) {
        Objects.requireNonNull(stateFile, "stateFile");
        return () -> {
            try {
                card.save(stateFile);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot save the simulated card's state to " + stateFile, e);
            }
        };
    }

    @Override
    public byte[] atr() {
        return card.atr();
    }

    @Override
    public void powerOff() {
        card.powerCycle();
    }

    @Override
    public void powerOn() {
        card.powerCycle();
    }

    @Override
    public void reset() {
        card.powerCycle();
    }

    @Override
    public byte[] transmit(byte[] command) {
        return card.transmit(command);
    }

    @Override
    public boolean isPresent() {
        return card.isPresent();
    }
}
