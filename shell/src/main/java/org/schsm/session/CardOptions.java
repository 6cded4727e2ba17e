package org.schsm.session;

import java.nio.file.Path;
import java.util.Optional;
import org.schsm.simulator.EmbeddedSimulator;
import org.schsm.simulator.EmbeddedSimulatorReader;
import org.schsm.transport.Readers;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/**
 * The options every card-talking command shares: which reader, where the embedded simulator keeps
 * its state, and whether to trace APDUs. Mixed into the root command with inherited scope, so they
 * are accepted before or after a subcommand's name ({@code schsm -r sim status},
 * {@code schsm status -r sim}) and always land in the root's instance. The options of a run over
 * a reader set are not here: only the commands that honour them declare them ({@link FleetOptions},
 * {@link DryRunOption}).
 */
public final class CardOptions {
    @Option(scope = ScopeType.INHERIT, names = {"-r", "--reader"}, paramLabel = "READER",
            description = "Reader: exact name, unique fragment, index from 'schsm readers', 'serial:SERIAL', 'sim' "
                    + "(the embedded simulated card), 'sim:fresh' or 'sim:FILE'. A set for status, inspect, doctor, "
                    + "pin status, keys, init, key generate, dkek import and test: 'all', a glob ('Nitrokey*') or a "
                    + "comma-separated list. Default: the only reader with a card, else the simulator.")
    String reader;

    @Option(scope = ScopeType.INHERIT, names = "--sim-state", paramLabel = "FILE",
            description = "State file of the embedded simulated card (default: $XDG_DATA_HOME/schsm/simulator.state).")
    Path simState;

    @Option(scope = ScopeType.INHERIT, names = {"-v", "--trace"}, description = "Print every APDU to stderr (PIN data shown as **).")
    boolean trace;

    /** Filled in by picocli (the root command's mixin). */
    public CardOptions() {
    }

    /**
     * Options made in code, as {@code -r reader --sim-state simState [-v]} would give them: for
     * the shell's {@code connect(name)} and for tests. A null reader means "choose as usual", a
     * null state file the default one.
     */
    public static CardOptions of(String reader, Path simState, boolean trace) {
        CardOptions o = new CardOptions();
        o.reader = reader;
        o.simState = simState;
        o.trace = trace;
        return o;
    }

    /** The same options with another reader (state file and trace flag kept). */
    public CardOptions withReader(String newReader) {
        return of(newReader, simState, trace);
    }

    /**
     * The options of the command line {@code spec} belongs to: the root command's mixin named
     * {@code card}, or the defaults when the root has none (a command run on its own, as in tests).
     */
    public static CardOptions of(CommandSpec spec) {
        CommandSpec mixin = spec.root().mixins().get("card");
        return mixin != null ? (CardOptions) mixin.userObject() : new CardOptions();
    }

    public String reader() {
        return reader;
    }

    public Path simState() {
        return simState != null ? simState : EmbeddedSimulator.defaultStateFile();
    }

    public boolean trace() {
        return trace;
    }

    /**
     * Called by {@code main} before anything else: when {@code args} choose a reader with
     * {@code -r}/{@code --reader} that is not the embedded simulator, PC/SC's library starts
     * loading on a background thread ({@link Readers#prepare}) while the command model is built,
     * 30-50 ms of a start that otherwise come after it (docs/performance.md). A hint only: the
     * arguments are read again, properly, by picocli, and a misread here costs at most that load.
     */
    public static void prepareReader(String[] args) {
        // No lambda here: this runs before anything else, where a lambda's class is generated
        // afresh (the build's training runs Main.run, not main, so the archive does not hold it).
        Optional<String> wanted = readerOption(args);
        if (wanted.isPresent()) {
            try {
                of(wanted.get(), null, false).readers().prepare(wanted.get());
            } catch (RuntimeException e) {
                // A bad SCHSM_PCSC_PROVIDER or data directory: the command itself reports it, as one line.
            }
        }
    }

    /** The value of {@code -r}/{@code --reader} in {@code args} as picocli accepts it ({@code -r X}, {@code -rX}, {@code -r=X}, {@code --reader=X}). */
    static Optional<String> readerOption(String[] args) {
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if (a.equals("--")) {
                break;
            }
            if (a.equals("-r") || a.equals("--reader")) {
                return i + 1 < args.length ? Optional.of(args[i + 1]) : Optional.empty();
            }
            if (a.startsWith("--reader=")) {
                return Optional.of(a.substring("--reader=".length()));
            }
            if (a.startsWith("-r") && a.length() > 2 && !a.startsWith("--")) {
                return Optional.of(a.startsWith("-r=") ? a.substring(3) : a.substring(2));
            }
        }
        return Optional.empty();
    }

    /**
     * The reader registry these options choose from: PC/SC and the embedded simulator in
     * {@link #simState()}. The simulator's factory is passed rather than found on the class path:
     * the CLI links it anyway, and the registry then searches the jars only for a choice or a
     * listing that needs another pseudo-reader (a start-up cost of 10-20 ms, docs/performance.md).
     */
    public Readers readers() {
        return Readers.system(simState(), new EmbeddedSimulatorReader.Factory());
    }
}
