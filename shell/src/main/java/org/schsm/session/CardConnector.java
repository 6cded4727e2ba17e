package org.schsm.session;

import java.io.PrintWriter;
import java.util.List;
import java.util.function.Consumer;
import org.schsm.InvalidInputException;
import org.schsm.transport.CardTransport;
import org.schsm.transport.PcscProvider;
import org.schsm.transport.PcscReaders;
import org.schsm.transport.PcscTransport;
import org.schsm.transport.PcscUnavailableException;
import org.schsm.transport.ReaderInfo;
import org.schsm.transport.ReaderSelector;
import org.schsm.transport.TraceFormat;
import org.schsm.transport.Transports;

/**
 * Opens the card a command talks to. With {@code -r} the user's choice is final (an unknown reader
 * is an input error, a missing card a card error). Without it, the only PC/SC reader holding a card
 * is used; when there is none (no pcscd, no reader, no card), the embedded simulated card stands in
 * and a note on stderr says so, so output never silently comes from a simulator.
 */
public final class CardConnector {
    private CardConnector() {
    }

    public static CardSession open(CardOptions options, PrintWriter err, boolean autoGetResponse) {
        return open(options, err, autoGetResponse, options.trace() ? traceTo(err) : null);
    }

    /** The trace sink of {@code -v}: one {@code trace >> ...} / {@code trace << ...} line per APDU on {@code err}. */
    public static Consumer<String> traceTo(PrintWriter err) {
        return TraceFormat.prefixed(null, err::println);
    }

    /**
     * As {@link #open(CardOptions, PrintWriter, boolean)}, with the trace sink chosen by the
     * caller ({@code options.trace()} is then ignored): the shell passes a sink it can switch.
     *
     * @param trace sink for trace lines, or null for no tracing
     */
    public static CardSession open(CardOptions options, PrintWriter err, boolean autoGetResponse, Consumer<String> trace) {
        String wanted = options.reader();
        if (wanted != null && wanted.trim().equalsIgnoreCase(ReaderSelector.SIMULATOR)) {
            return simulator(options, err, autoGetResponse, trace);
        }
        // Both providers hand 61xx/6Cxx back raw (PcscTransport); the decorator completes them when asked.
        PcscProvider provider = configuredProvider();
        if (wanted != null) {
            List<String> names = PcscReaders.list(provider, false).stream().map(ReaderInfo::name).toList();
            ReaderSelector.Selection selection = ReaderSelector.select(wanted, names);
            if (selection instanceof ReaderSelector.PcscReader reader) {
                return pcsc(reader.name(), provider, autoGetResponse, trace);
            }
            return simulator(options, err, autoGetResponse, trace);
        }
        List<ReaderInfo> withCard;
        try {
            withCard = PcscReaders.list(provider, false).stream().filter(ReaderInfo::cardPresent).toList();
        } catch (PcscUnavailableException e) {
            err.println("note: PC/SC is not available (" + e.getMessage() + "); using the embedded simulated card");
            return simulator(options, err, autoGetResponse, trace);
        }
        if (withCard.isEmpty()) {
            err.println("note: no reader with a card; using the embedded simulated card (" + options.simState() + ")");
            return simulator(options, err, autoGetResponse, trace);
        }
        if (withCard.size() > 1) {
            throw new InvalidInputException("cards are present in " + withCard.size()
                    + " readers; choose one with -r (see 'schsm readers')");
        }
        return pcsc(withCard.get(0).name(), provider, autoGetResponse, trace);
    }

    /**
     * jnasmartcardio by default, which sends every command byte for byte; {@code SCHSM_PCSC_PROVIDER=sun}
     * selects the JDK provider, which starts about 100 ms faster (no JNA native library to unpack)
     * but refuses commands whose class byte it would rewrite (see docs/performance.md, PcscTransport).
     */
    public static PcscProvider configuredProvider() {
        String v = System.getenv("SCHSM_PCSC_PROVIDER");
        if (v == null || v.isBlank() || v.equalsIgnoreCase("jna")) {
            return PcscProvider.JNA;
        }
        if (v.equalsIgnoreCase("sun") || v.equalsIgnoreCase("jdk")) {
            return PcscProvider.SUN;
        }
        throw new InvalidInputException("SCHSM_PCSC_PROVIDER must be jna or sun, not '" + v + "'");
    }

    private static CardSession pcsc(String reader, PcscProvider provider, boolean autoGetResponse,
                                    Consumer<String> trace) {
        PcscTransport raw = PcscTransport.open(reader, provider);
        return new CardSession(Transports.decorate(raw, autoGetResponse, trace), raw, false, reader);
    }

    private static CardSession simulator(CardOptions options, PrintWriter err, boolean autoGetResponse,
                                         Consumer<String> trace) {
        EmbeddedSimulator sim = EmbeddedSimulator.open(options.simState());
        if (sim.readOnly()) {
            err.println("note: the simulated card's state file " + sim.stateFile() + " is read-only: reading works,"
                    + " commands that spend a PIN try or change the card are refused");
        }
        CardTransport decorated = Transports.decorate(sim, autoGetResponse, trace);
        return new CardSession(decorated, sim, true, sim.name());
    }
}
