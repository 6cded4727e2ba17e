package org.schsm.simulator;

import java.nio.file.Path;
import org.schsm.InvalidInputException;
import org.schsm.apdu.Hex;
import org.schsm.simulator.cvc.DeviceCertificates;
import org.schsm.simulator.cvc.HolderReference;
import org.schsm.transport.CardTransport;
import org.schsm.transport.PseudoReader;

/**
 * The embedded simulated SmartCard-HSM as the pseudo-reader {@code sim}, registered with
 * {@link java.util.ServiceLoader} (META-INF/services) so that {@link org.schsm.transport.Readers}
 * offers it without the toolkit depending on this module:
 * <ul>
 *   <li>{@code sim}: the card kept in the program's state file ({@code --sim-state}, else
 *       {@link EmbeddedSimulator#defaultStateFile()});</li>
 *   <li>{@code sim:fresh}: a factory-fresh card in memory, never saved;</li>
 *   <li>{@code sim:FILE}: the card kept in FILE.</li>
 * </ul>
 */
public final class EmbeddedSimulatorReader implements PseudoReader {
    public static final String ID = "sim";
    public static final String FRESH = "fresh";

    private final Path stateFile;

    public EmbeddedSimulatorReader(Path stateFile) {
        this.stateFile = stateFile != null ? stateFile : EmbeddedSimulator.defaultStateFile();
    }

    /** The {@link java.util.ServiceLoader} entry point. */
    public static final class Factory implements PseudoReader.Factory {
        @Override
        public PseudoReader create(Path stateFile) {
            return new EmbeddedSimulatorReader(stateFile);
        }
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String description() {
        return "embedded simulated SmartCard-HSM";
    }

    @Override
    public byte[] atr() {
        return Hex.decode(SimulatedCard.ATR_HEX);
    }

    @Override
    public CardTransport open(String argument) {
        if (argument == null) {
            return EmbeddedSimulator.open(stateFile);
        }
        if (argument.equals(FRESH)) {
            return new SimulatorTransport(freshCard());
        }
        if (argument.isBlank()) {
            throw new InvalidInputException("sim: needs 'fresh' or a state file, e.g. -r sim:card.state");
        }
        return EmbeddedSimulator.open(Path.of(argument));
    }

    /**
     * A factory-fresh simulated card with the device certificate of simulated device 0, as
     * {@code schsm sim serve} creates one, so that {@code sim:fresh} is the same card as the served
     * one (suites recognise the simulator by its certificate) and is never saved.
     */
    public static SimulatedCard freshCard() {
        return SimulatedCard.create(DeviceCertificates.generate(HolderReference.simulatedDevice(0)).efCDevAut());
    }
}
