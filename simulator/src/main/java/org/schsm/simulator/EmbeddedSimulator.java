package org.schsm.simulator;

import java.io.IOException;
import java.nio.file.Path;
import org.schsm.UserDirectories;
import org.schsm.transport.CardTransport;
import org.schsm.transport.TransportException;

/**
 * The simulated SmartCard-HSM a program uses when no reader is there (or {@code -r sim}). Its
 * state lives in a file so that a PIN blocked in one command is still blocked in the next. The
 * file is held by a {@link PersistentCard}: this program is its only user until {@link #close()}
 * (a second one waits, then is refused as busy), a spent try is on disk before the PIN is
 * compared, and the state is saved after every APDU that may change it, before its answer is
 * returned.
 */
public final class EmbeddedSimulator implements CardTransport {
    private final PersistentCard card;
    private final SimulatorTransport transport;

    private EmbeddedSimulator(PersistentCard card) {
        this.card = card;
        this.transport = new SimulatorTransport(card.card());
    }

    /**
     * Opens the card saved in {@code stateFile} (or a new one, see {@link #openPersistent}).
     *
     * @throws StateFileBusyException another program has it open
     */
    public static EmbeddedSimulator open(Path stateFile) {
        return new EmbeddedSimulator(openPersistent(stateFile));
    }

    /**
     * Takes {@code stateFile} for this program and loads its card, or creates a new one with its
     * own device key and certificate (so that OpenSC binds it when it is served as a PC/SC reader,
     * and it can attest generated keys), saved at once.
     *
     * @throws StateFileBusyException another program has it open
     * @throws TransportException the file cannot be read or created
     */
    public static PersistentCard openPersistent(Path stateFile) {
        try {
            return PersistentCard.open(stateFile, EmbeddedSimulator::withDeviceCertificate);
        } catch (IOException e) {
            throw new TransportException("cannot open the simulated card's state file " + stateFile + ": "
                    + e.getMessage(), e);
        }
    }

    private static SimulatedCard withDeviceCertificate() {
        return SimulatedCard.create();
    }

    /** Default state file: {@code $XDG_DATA_HOME/schsm/simulator.state} or {@code ~/.local/share/...}. */
    public static Path defaultStateFile() {
        return UserDirectories.system().data().resolve("simulator.state");
    }

    public Path stateFile() {
        return card.stateFile();
    }

    public SimulatedCard card() {
        return card.card();
    }

    /** True for a read-only image: reading commands work, anything that writes is refused. */
    public boolean readOnly() {
        return card.readOnly();
    }

    @Override
    public byte[] transmit(byte[] command) {
        return card.transmit(command);
    }

    @Override
    public byte[] atr() {
        return transport.atr();
    }

    @Override
    public String name() {
        return "sim (embedded simulated SmartCard-HSM, state " + card.stateFile() + ")";
    }

    /** Closes the card and lets go of its state file. */
    @Override
    public void close() {
        try {
            transport.close();
        } finally {
            card.close();
        }
    }
}
