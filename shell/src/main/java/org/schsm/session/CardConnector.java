package org.schsm.session;

import java.io.PrintWriter;
import java.util.List;
import java.util.function.Consumer;
import org.schsm.InvalidInputException;
import org.schsm.simulator.EmbeddedSimulator;
import org.schsm.simulator.EmbeddedSimulatorReader;
import org.schsm.transport.CardTransport;
import org.schsm.transport.ReaderInfo;
import org.schsm.transport.ReaderListing;
import org.schsm.transport.Readers;
import org.schsm.transport.TraceFormat;
import org.schsm.transport.Transports;

/**
 * Opens the card a command talks to, through the reader registry ({@link Readers}), and decorates
 * it. With {@code -r} the user's choice is final (an unknown reader is an input error, a missing
 * card a card error). Without it, the only PC/SC reader holding a card is used; when there is none
 * (no pcscd, no reader, no card), the embedded simulated card stands in and a note on stderr says
 * so, so output never silently comes from a simulator.
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
     * caller ({@code options.trace()} is then ignored): the shell passes a sink it can switch, a
     * run over several cards one with each card's prefix.
     *
     * @param trace sink for trace lines, or null for no tracing
     */
    public static CardSession open(CardOptions options, PrintWriter err, boolean autoGetResponse, Consumer<String> trace) {
        Readers readers = options.readers();
        String wanted = options.reader();
        if (wanted != null) {
            return open(readers, ReaderSet.resolveOne(readers, wanted), err, autoGetResponse, trace);
        }
        ReaderListing listing = readers.listPcsc(false);
        if (listing.pcscProblem().isPresent()) {
            err.println("note: PC/SC is not available (" + listing.pcscProblem().get() + "); using the embedded simulated card");
            return open(readers, readers.resolve(EmbeddedSimulatorReader.ID), err, autoGetResponse, trace);
        }
        List<ReaderInfo> withCard = listing.pcscReaders().stream().filter(ReaderInfo::cardPresent).toList();
        if (withCard.isEmpty()) {
            err.println("note: no reader with a card; using the embedded simulated card (" + options.simState() + ")");
            return open(readers, readers.resolve(EmbeddedSimulatorReader.ID), err, autoGetResponse, trace);
        }
        if (withCard.size() > 1) {
            throw new InvalidInputException("cards are present in " + withCard.size()
                    + " readers; choose one with -r (see 'schsm readers')");
        }
        return open(readers, withCard.get(0), err, autoGetResponse, trace);
    }

    /**
     * Opens {@code chosen} and decorates it: both PC/SC providers hand 61xx/6Cxx back raw
     * (PcscTransport), the decorator completes them when asked.
     */
    public static CardSession open(Readers readers, ReaderInfo chosen, PrintWriter err, boolean autoGetResponse,
                                   Consumer<String> trace) {
        CardTransport raw = readers.open(chosen);
        if (raw instanceof EmbeddedSimulator sim && sim.readOnly()) {
            err.println("note: the simulated card's state file " + sim.stateFile() + " is read-only: reading works,"
                    + " commands that spend a PIN try or change the card are refused");
        }
        String description = chosen.isPcsc() ? chosen.name() : raw.name();
        return new CardSession(Transports.decorate(raw, autoGetResponse, trace), raw, !chosen.isPcsc(), description);
    }
}
