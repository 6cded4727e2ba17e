package org.schsm.cli.interop;

import java.lang.System.Logger.Level;
import java.lang.System.Logger;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.schsm.simulator.EmbeddedSimulator;
import org.schsm.simulator.PersistentCard;
import org.schsm.simulator.SimulatedCard;
import org.schsm.simulator.interop.VirtualReader;
import org.schsm.simulator.vpcd.SimulatedCardVirtualCard;
import org.schsm.simulator.vpcd.VirtualCard;
import org.schsm.simulator.vpcd.VpcdClient;
import org.schsm.testkit.PcscEnvironment;
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
    static final int PORT = VirtualReader.PORT;
    static final String NAME = VirtualReader.NAME;
    private static final Duration APPEAR = Duration.ofSeconds(15);
    private static final Duration POLL = Duration.ofMillis(100);
    /** How long to wait for another vpcd client to let go of the reader. */
    private static final Duration BUSY = Duration.ofSeconds(90);
    private static final Logger LOG = System.getLogger(CardInReader.class.getName());

    private final Path stateFile;
    private final PersistentCard held;
    private final SimulatedCard card;
    private final VpcdClient client;
    private boolean closed;

    private final PolledCard virtual;

    private CardInReader(Path stateFile, PersistentCard held, VpcdClient client, PolledCard virtual) {
        this.stateFile = stateFile;
        this.held = held;
        this.card = held.card();
        this.client = client;
        this.virtual = virtual;
    }

    /**
     * From now on {@code answers} decides: a non-null answer is returned instead of the simulated
     * card's, null lets the simulated card answer. For a card that answers some command as a card
     * of another make would.
     */
    void answerInstead(java.util.function.UnaryOperator<byte[]> answers) {
        virtual.override = answers;
    }

    /** From now on the card answers no command (pcscd still sees it present); taking it out ends that. */
    void stopAnswering() {
        virtual.mute = true;
    }

    /**
     * Creates a new card in {@code stateFile} and inserts it, then waits until pcscd shows a card
     * <em>and</em> has asked this card for its ATR. The second condition matters on a shared
     * machine: vpcd talks to one client at a time and leaves a second one waiting in the listen
     * backlog, so while another vpcd client (another worktree's interop tests, schsm sim serve,
     * vicc) holds the reader, "a card is present" would be true of its card, not ours. When the
     * reader stays busy for {@link #BUSY} the test is skipped (failed under CI).
     */
    static CardInReader insertFresh(Path stateFile) throws InterruptedException {
        PersistentCard held = EmbeddedSimulator.openPersistent(stateFile);  // held as schsm sim serve holds it
        PolledCard virtual = new PolledCard(new SimulatedCardVirtualCard(held.card()));
        VpcdClient client = VpcdClient.builder(virtual).port(PORT)
                .afterCommand(virtual.card.saveTo(stateFile)).start();
        CardInReader inserted = new CardInReader(stateFile, held, client, virtual);
        long deadline = System.nanoTime() + BUSY.toNanos();
        while (virtual.atrRequests.get() == 0 && System.nanoTime() < deadline) {
            Thread.sleep(POLL.toMillis());
        }
        if (virtual.atrRequests.get() == 0) {
            client.close();
            held.close();
            PcscEnvironment.unavailable("reader '" + NAME + "' stayed busy for " + BUSY + ": another vpcd client "
                    + "(schsm sim serve, vicc, another test run) is connected to port " + PORT
                    + "; readers: " + PcscEnvironment.listReaders());
        }
        if (!inserted.awaitPresence(true)) {
            client.close();
            held.close();
            throw new AssertionError("pcscd did not see the card in '" + NAME + "' within " + APPEAR
                    + " (client connected: " + client.isConnected() + "); readers: " + PcscEnvironment.listReaders());
        }
        return inserted;
    }

    /**
     * The card as vpcd sees it, counting pcscd's ATR requests (its presence polls). After
     * {@link #stopAnswering()} it still answers the ATR request but never a command: a card that
     * died in the middle of a session, as far as the host can tell.
     */
    private static final class PolledCard implements VirtualCard {
        private final SimulatedCardVirtualCard card;
        private final AtomicLong atrRequests = new AtomicLong();
        private volatile boolean mute;
        private volatile java.util.function.UnaryOperator<byte[]> override = command -> null;

        PolledCard(SimulatedCardVirtualCard card) {
            this.card = card;
        }

        @Override
        public byte[] atr() {
            atrRequests.incrementAndGet();
            return card.atr();
        }

        @Override
        public void powerOff() {
            card.powerOff();
        }

        @Override
        public void powerOn() {
            card.powerOn();
        }

        @Override
        public void reset() {
            card.reset();
        }

        @Override
        public byte[] transmit(byte[] command) {
            while (mute) {
                try {
                    Thread.sleep(50);
                } catch (InterruptedException e) {
                    // The client is closing: the card is being taken out.
                    Thread.currentThread().interrupt();
                    throw new org.schsm.transport.TransportException("taken out while mute");
                }
            }
            byte[] instead = override.apply(command);
            return instead != null ? instead : card.transmit(command);
        }

        @Override
        public boolean isPresent() {
            return card.isPresent();
        }
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
        for (String line : PcscEnvironment.listReaders()) {
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

    /**
     * Stops the vpcd client and waits until pcscd shows the reader empty; false when it still (or
     * again) shows a card, which can only be another vpcd client's.
     */
    boolean takeOut() throws InterruptedException {
        closed = true;
        client.close();
        held.close();
        releaseLeakedPcscContexts();
        return awaitPresence(false);
    }

    /** Takes the card out ({@link #takeOut()}); another client's card appearing afterwards is only logged. */
    @Override
    public void close() throws InterruptedException {
        if (closed) {
            return;
        }
        if (!takeOut()) {
            // Not a failure of this test: another vpcd client waiting in the backlog got the reader
            // as soon as ours left. The next insertFresh waits for its own card anyway.
            LOG.log(Level.INFO, "reader '" + NAME + "' shows a card again after ours left: another vpcd client");
        }
    }
}
