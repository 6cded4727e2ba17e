package org.schsm.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import org.schsm.apdu.Instruction;
import org.schsm.simulator.cvc.DeviceCertificates;
import org.schsm.simulator.cvc.HolderReference;
import org.schsm.simulator.SimulatedCard;
import org.schsm.simulator.SimulatorTransport;
import org.schsm.transport.CardTransport;
import org.schsm.transport.TransportException;

/**
 * The simulated SmartCard-HSM the CLI uses when no reader is there (or {@code -r sim}). Its
 * state lives in a file so that a PIN blocked in one command is still blocked in the next; the
 * state is saved after every APDU that may change it ({@link Instruction#mayChangeState}: a refused VERIFY
 * counts) and before its answer is returned, so an interrupted command never loses a spent try.
 */
public final class EmbeddedSimulator implements CardTransport {
    private final SimulatorTransport transport;
    private final Path stateFile;

    private EmbeddedSimulator(SimulatorTransport transport, Path stateFile) {
        this.transport = transport;
        this.stateFile = stateFile;
    }

    public static EmbeddedSimulator open(Path stateFile) {
        return new EmbeddedSimulator(new SimulatorTransport(loadOrCreate(stateFile)), stateFile);
    }

    /**
     * The card saved in {@code stateFile}, or a new one with its own device certificate (so that
     * OpenSC binds it when it is served as a PC/SC reader), saved at once.
     */
    public static SimulatedCard loadOrCreate(Path stateFile) {
        try {
            if (Files.exists(stateFile)) {
                return SimulatedCard.load(stateFile);
            }
            int device = new SecureRandom().nextInt(10_000);
            SimulatedCard card = SimulatedCard.create(
                    DeviceCertificates.generate(HolderReference.simulatedDevice(device)).efCDevAut());
            Path parent = stateFile.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            card.save(stateFile);
            return card;
        } catch (IOException e) {
            throw new TransportException("cannot open the simulated card's state file " + stateFile + ": "
                    + e.getMessage(), e);
        }
    }

    /** Default state file: {@code $XDG_DATA_HOME/schsm/simulator.state} or {@code ~/.local/share/...}. */
    public static Path defaultStateFile() {
        String xdg = System.getenv("XDG_DATA_HOME");
        Path base = xdg != null && !xdg.isBlank()
                ? Path.of(xdg)
                : Path.of(System.getProperty("user.home"), ".local", "share");
        return base.resolve("schsm").resolve("simulator.state");
    }

    public Path stateFile() {
        return stateFile;
    }

    public SimulatedCard card() {
        return transport.card();
    }

    @Override
    public byte[] transmit(byte[] command) {
        byte[] response = transport.transmit(command);
        if (!Instruction.mayChangeState(command)) {
            return response;
        }
        try {
            transport.card().save(stateFile);
        } catch (IOException e) {
            throw new TransportException("the simulated card answered but its state could not be saved to "
                    + stateFile + ": " + e.getMessage(), e);
        }
        return response;
    }

    @Override
    public byte[] atr() {
        return transport.atr();
    }

    @Override
    public String name() {
        return "sim (embedded simulated SmartCard-HSM, state " + stateFile + ")";
    }

    @Override
    public void close() {
        transport.close();
    }
}
