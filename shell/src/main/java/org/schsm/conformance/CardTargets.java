package org.schsm.conformance;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;
import org.schsm.session.CardConnector;
import org.schsm.session.CardOptions;
import org.schsm.session.CardSession;
import org.schsm.session.EmbeddedSimulator;
import org.schsm.simulator.SimulatedCard;
import org.schsm.simulator.SimulatorTransport;
import org.schsm.simulator.cvc.DeviceCertificates;
import org.schsm.simulator.cvc.HolderReference;
import org.schsm.transport.CardTransport;
import org.schsm.transport.PcscProvider;
import org.schsm.transport.PcscReaders;
import org.schsm.transport.PcscTransport;
import org.schsm.transport.ReaderInfo;
import org.schsm.transport.ReaderSelector;
import org.schsm.transport.TraceFormat;
import org.schsm.transport.Transports;

/**
 * Opens the cards a run talks to, from what followed {@code -r}:
 * <ul>
 *   <li>{@code sim}: the embedded simulated card in the {@code --sim-state} file (as for every command);</li>
 *   <li>{@code sim:fresh}: a factory-fresh simulated card in memory, never saved;</li>
 *   <li>{@code sim:FILE}: the embedded simulated card kept in FILE;</li>
 *   <li>anything else: a PC/SC reader (exact name, unique fragment or index), which includes the
 *       simulator served over vpcd by {@code schsm sim serve}.</li>
 * </ul>
 * One card without a {@code sim:} prefix is opened through {@link CardConnector}, so the default
 * choice (the only reader with a card, else the simulator) is the same as for every other command.
 */
final class CardTargets {
    static final String FRESH = "fresh";

    /** An open card and how reports name it. */
    record Target(String label, CardTransport transport) {
    }

    private CardTargets() {
    }

    /**
     * A factory-fresh simulated card with its own device certificate, as {@code schsm sim serve}
     * creates one, so that {@code sim:fresh} is the same card as the served one (suites recognise
     * the simulator by its certificate) and is never saved.
     */
    static SimulatedCard freshSimulatedCard() {
        return SimulatedCard.create(DeviceCertificates.generate(HolderReference.simulatedDevice(0)).efCDevAut());
    }

    static Target openSingle(String reader, CardOptions options, PrintWriter err, boolean autoGetResponse) {
        if (reader != null && reader.startsWith(ReaderSelector.SIMULATOR + ":")) {
            Consumer<String> trace = options.trace() ? TraceFormat.prefixed(null, err::println) : null;
            return new Target(reader, open(reader, options.simState(), autoGetResponse, trace));
        }
        CardSession session = CardConnector.open(options, err, autoGetResponse);
        return new Target(reader != null ? reader : session.description(), session.transport());
    }

    static Target open(int index, String reader, CardOptions options, PrintWriter err, boolean autoGetResponse) {
        String tag = DifferentialReport.label(index);
        Consumer<String> trace = options.trace() ? TraceFormat.prefixed(tag, err::println) : null;
        return new Target(reader, open(reader, options.simState(), autoGetResponse, trace));
    }

    static CardTransport open(String reader, Path simState, boolean autoGetResponse, Consumer<String> trace) {
        String r = reader.trim();
        CardTransport raw;
        if (r.equalsIgnoreCase(ReaderSelector.SIMULATOR)) {
            raw = EmbeddedSimulator.open(simState);
        } else if (r.regionMatches(true, 0, ReaderSelector.SIMULATOR + ":", 0, 4)) {
            String rest = r.substring(4);
            raw = rest.equals(FRESH) ? new SimulatorTransport(freshSimulatedCard()) : EmbeddedSimulator.open(Path.of(rest));
        } else {
            // Either provider shows the wire; the decorator completes 61xx/6Cxx when asked (see CardConnector).
            PcscProvider provider = CardConnector.configuredProvider();
            List<String> names = PcscReaders.list(provider).stream().map(ReaderInfo::name).toList();
            ReaderSelector.Selection selection = ReaderSelector.select(r, names);
            if (!(selection instanceof ReaderSelector.PcscReader pcsc)) {
                raw = EmbeddedSimulator.open(simState);
            } else {
                raw = PcscTransport.open(pcsc.name(), provider);
            }
        }
        return Transports.decorate(raw, autoGetResponse, trace);
    }
}
