package org.schsm.cli.interop;

import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.schsm.cli.EmbeddedSimulator;
import org.schsm.simulator.SimulatedCard;
import org.schsm.simulator.vpcd.SimulatedCardVirtualCard;
import org.schsm.simulator.vpcd.VpcdClient;
import org.schsm.transport.PcscReaders;
import org.schsm.transport.ReaderInfo;
import org.schsm.transport.TransportException;

/**
 * A fresh simulated SmartCard-HSM (the card {@code schsm sim serve} would create, with its own
 * device certificate, state in a file) put into pcscd's vpcd reader by an in-process
 * {@link VpcdClient} for the length of one test. The state file is saved after every command that
 * may change it, as {@code schsm sim serve} does.
 *
 * <p>Presence is followed through {@link PcscReaders#list()}, the jnasmartcardio path schsm itself
 * uses, so a test starts only once PC/SC reports the card.
 */
final class CardInReader implements AutoCloseable {
    static final int PORT = Integer.getInteger("schsm.interop.vpcdPort", VpcdClient.DEFAULT_PORT);
    static final String NAME = System.getProperty("schsm.interop.reader",
            String.format("Virtual PCD 00 %02d", PORT - VpcdClient.DEFAULT_PORT));
    private static final Duration APPEAR = Duration.ofSeconds(15);
    private static final Logger LOG = System.getLogger(CardInReader.class.getName());
    private static final Duration POLL = Duration.ofMillis(50);

    private final Path stateFile;
    private final SimulatedCard card;
    private final VpcdClient client;
    private boolean closed;

    private CardInReader(Path stateFile, SimulatedCard card, VpcdClient client) {
        this.stateFile = stateFile;
        this.card = card;
        this.client = client;
    }

    /**
     * Creates a new card in {@code stateFile} and inserts it. Skips (fails under CI) when the
     * reader already holds a card: another vpcd client is connected and ours would wait behind it.
     */
    static CardInReader insertFresh(Path stateFile) throws InterruptedException {
        if (cardPresent().orElse(false)) {
            InteropEnvironment.unavailable("reader '" + NAME + "' already holds a card: another vpcd client "
                    + "(schsm sim serve, vicc, another test run) is connected to port " + PORT);
        }
        SimulatedCard card = EmbeddedSimulator.loadOrCreate(stateFile);
        SimulatedCardVirtualCard virtual = new SimulatedCardVirtualCard(card);
        VpcdClient client = VpcdClient.builder(virtual).port(PORT).afterCommand(virtual.saveTo(stateFile)).start();
        CardInReader inserted = new CardInReader(stateFile, card, client);
        if (!inserted.awaitPresence(true)) {
            client.close();
            throw new AssertionError("pcscd did not see the card in '" + NAME + "' within " + APPEAR
                    + " (client connected: " + client.isConnected() + "); readers: " + PcscReaders.list());
        }
        return inserted;
    }

    Path stateFile() {
        return stateFile;
    }

    SimulatedCard card() {
        return card;
    }

    /** Whether PC/SC shows a card in {@link #NAME}; empty when the reader is not listed at all. */
    static Optional<Boolean> cardPresent() {
        return PcscReaders.list().stream().filter(r -> r.name().equals(NAME)).findFirst().map(ReaderInfo::cardPresent);
    }

    /**
     * Polls until PC/SC shows the card present (or absent). While a card comes or goes, listing
     * the readers can fail for a moment (pcsc-lite answered SCARD_E_PROTO_MISMATCH to the ATR
     * read of {@link PcscReaders#list()} during a removal here); such a poll counts as "not yet"
     * and the last error is reported if the deadline passes.
     */
    boolean awaitPresence(boolean present) throws InterruptedException {
        long deadline = System.nanoTime() + APPEAR.toNanos();
        TransportException lastError = null;
        while (System.nanoTime() < deadline) {
            try {
                if (cardPresent().orElse(false) == present) {
                    return true;
                }
            } catch (TransportException e) {
                lastError = e;
                LOG.log(Level.INFO, "listing readers while waiting for the card to " + (present ? "appear" : "go")
                        + " failed, polling again: " + e.getMessage());
            }
            Thread.sleep(POLL.toMillis());
        }
        if (lastError != null) {
            throw new AssertionError("reader '" + NAME + "' did not become " + (present ? "occupied" : "empty")
                    + " within " + APPEAR + "; last listing error: " + lastError.getMessage(), lastError);
        }
        return false;
    }

    /** Stops the vpcd client (pcscd sees the card removed) and waits until the reader is empty. */
    @Override
    public void close() throws InterruptedException {
        if (closed) {
            return;
        }
        closed = true;
        client.close();
        if (!awaitPresence(false)) {
            throw new AssertionError("pcscd still shows a card in '" + NAME + "' after the vpcd client closed");
        }
    }
}
