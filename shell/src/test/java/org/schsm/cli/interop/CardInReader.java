package org.schsm.cli.interop;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.schsm.cli.EmbeddedSimulator;
import org.schsm.simulator.SimulatedCard;
import org.schsm.simulator.vpcd.SimulatedCardVirtualCard;
import org.schsm.simulator.vpcd.VpcdClient;
import org.schsm.transport.PcscReaders;

/**
 * A fresh simulated SmartCard-HSM (the card {@code schsm sim serve} would create, with its own
 * device certificate, state in a file) put into pcscd's vpcd reader by an in-process
 * {@link VpcdClient} for the length of one test. The state file is saved after every command that
 * may change it, as {@code schsm sim serve} does.
 *
 * <p>Presence is followed through {@code opensc-tool -l}, so a test starts only once pcscd reports
 * the card (and ends only once it reports the reader empty).
 */
final class CardInReader implements AutoCloseable {
    static final int PORT = Integer.getInteger("schsm.interop.vpcdPort", VpcdClient.DEFAULT_PORT);
    static final String NAME = System.getProperty("schsm.interop.reader",
            String.format("Virtual PCD 00 %02d", PORT - VpcdClient.DEFAULT_PORT));
    private static final Duration APPEAR = Duration.ofSeconds(15);
    private static final Duration POLL = Duration.ofMillis(100);

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
                    + " (client connected: " + client.isConnected() + "); readers: " + InteropEnvironment.listReaders());
        }
        return inserted;
    }

    Path stateFile() {
        return stateFile;
    }

    SimulatedCard card() {
        return card;
    }

    /**
     * Whether pcscd shows a card in {@link #NAME} ({@code opensc-tool -l}); empty when the reader
     * is not listed at all. Asked out of process on purpose: every {@link PcscReaders#list()} opens
     * a PC/SC context that jnasmartcardio releases only when its {@code CardTerminals} is closed or
     * finalized, and the toolkit does not close it, so polling in-process would pile up contexts
     * in pcscd (its per-client limits then answer like a stopped service).
     */
    static Optional<Boolean> cardPresent() {
        for (String line : InteropEnvironment.listReaders()) {
            if (line.trim().endsWith(NAME)) {
                String[] columns = line.trim().split("\\s+");
                return Optional.of(columns.length > 1 && columns[1].equals("Yes"));
            }
        }
        return Optional.empty();
    }

    /**
     * Releases the PC/SC contexts that schsm's in-process runs left for the garbage collector
     * (see {@link #cardPresent()}); called after each test so that a long run stays well below
     * pcscd's limits.
     */
    static void releaseLeakedPcscContexts() {
        System.gc();
        System.runFinalization();
    }

    /**
     * Polls until pcscd shows the card present (or absent).
     */
    boolean awaitPresence(boolean present) throws InterruptedException {
        long deadline = System.nanoTime() + APPEAR.toNanos();
        while (System.nanoTime() < deadline) {
            if (cardPresent().orElse(false) == present) {
                return true;
            }
            Thread.sleep(POLL.toMillis());
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
        releaseLeakedPcscContexts();
        if (!awaitPresence(false)) {
            throw new AssertionError("pcscd still shows a card in '" + NAME + "' after the vpcd client closed");
        }
    }
}
