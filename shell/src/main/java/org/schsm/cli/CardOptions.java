package org.schsm.cli;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/**
 * The options every card-talking command shares: which reader, where the embedded simulator keeps
 * its state, and whether to trace APDUs. A picocli mixin, so each subcommand accepts them after
 * its own name too ({@code schsm status -r sim}).
 */
public final class CardOptions {
    @Option(names = {"-r", "--reader"}, paramLabel = "READER",
            description = "Reader: exact name, unique fragment, index from 'schsm readers', or 'sim' "
                    + "for the embedded simulated card. Default: the only reader with a card, else the simulator.")
    String reader;

    @Option(names = "--sim-state", paramLabel = "FILE",
            description = "State file of the embedded simulated card (default: $XDG_DATA_HOME/schsm/simulator.state).")
    Path simState;

    @Option(names = {"-v", "--trace"}, description = "Print every APDU to stderr (PIN data shown as **).")
    boolean trace;

    public String reader() {
        return reader;
    }

    public Path simState() {
        return simState != null ? simState : EmbeddedSimulator.defaultStateFile();
    }

    public boolean trace() {
        return trace;
    }
}
