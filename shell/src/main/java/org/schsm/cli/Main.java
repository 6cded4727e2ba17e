package org.schsm.cli;

import java.io.PrintWriter;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.schsm.cli.model.CommandModels;
import org.schsm.fleet.FleetRun;
import org.schsm.session.CardOptions;
import org.schsm.session.DryRunOption;
import org.schsm.session.ErrorReporter;
import org.schsm.session.ExitCode;
import org.schsm.session.FleetOptions;
import org.schsm.session.UsageErrors;
import org.schsm.shell.RunCommand;
import org.schsm.shell.ShellCommand;
import org.schsm.simulator.StateFileLock;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code schsm} command: picocli parses, each subcommand does one job. */
@Command(name = "schsm",
        versionProvider = VersionProvider.class,
        description = "Toolkit for the CardContact SmartCard-HSM / Nitrokey HSM.",
        footer = {"", "Help on any command: schsm COMMAND --help, or schsm help COMMAND [SUBCOMMAND]."})
public final class Main implements Runnable {
    /**
     * The subcommands by name, in help order. They are registered lazily: picocli builds a
     * command's model by reflection, and building all of them costs more start-up time than
     * running the one that was asked for.
     */
    static final Map<String, Class<?>> SUBCOMMANDS = subcommands();

    private static Map<String, Class<?>> subcommands() {
        Map<String, Class<?>> m = new LinkedHashMap<>();
        m.put("readers", ReadersCommand.class);
        m.put("status", StatusCommand.class);
        m.put("inspect", InspectCommand.class);
        m.put("keys", KeysCommand.class);
        m.put("key", KeyCommand.class);
        m.put("dkek", DkekCommand.class);
        m.put("backup", BackupCommand.class);
        m.put("restore", RestoreCommand.class);
        m.put("init", InitCommand.class);
        m.put("pin", PinCommand.class);
        m.put("doctor", DoctorCommand.class);
        m.put("send", SendCommand.class);
        m.put("atr", AtrCommand.class);
        m.put("sim", SimCommand.class);
        m.put("secret", SecretStoreCommand.class);
        m.put("shell", ShellCommand.class);
        m.put("run", RunCommand.class);
        m.put("test", org.schsm.conformance.TestCommand.class);
        m.put("help", HelpCommand.class);
        return Collections.unmodifiableMap(m);
    }

    /** Regular expressions of option types picocli need not convert (see {@link #run}). */
    static final String UNUSED_CONVERTERS = "java\\.time\\..*,java\\.sql\\..*";

    /** Root options that take a value, so the scan for the subcommand name skips the value. */
    private static final Set<String> OPTIONS_WITH_VALUE = Set.of("-r", "--reader", "--sim-state", FleetOptions.PARALLEL);

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @CommandLine.Mixin
    CardOptions card;

    /*
     * The options of a run over a reader set, before the command name: `schsm -r all --parallel 4
     * status`, as GlobalPlatformPro and pkcs11-tool users put every option in front. Not inherited
     * (each command that honours them declares them, FleetOptions and DryRunOption, and only its
     * help shows them); before any other command org.schsm.fleet.FleetRun refuses them. The lists
     * of commands in the descriptions are checked against those mixins (FleetCliTest).
     */
    @CommandLine.Option(names = FleetOptions.PARALLEL, paramLabel = "N",
            description = "With a reader set: how many devices are worked on at the same time (default 1). For status, "
                    + "inspect, doctor, pin status, keys, init, key generate, dkek import and test (before or after their name).")
    Integer parallel;

    @CommandLine.Option(names = DryRunOption.DRY_RUN,
            description = "For init, key generate and dkek import (before or after their name): show what would run on "
                    + "which device; change nothing.")
    boolean dryRun;

    /**
     * Inherited, so that every command and subcommand answers {@code -h}/{@code --help} (the
     * parameter-exception hint tells users to try it) without each one having to declare it.
     */
    @CommandLine.Option(names = {"-h", "--help"}, usageHelp = true, scope = CommandLine.ScopeType.INHERIT,
            description = "Show this help and exit.")
    boolean help;

    @CommandLine.Option(names = {"-V", "--version"}, versionHelp = true,
            description = "Print the versions of schsm, Java, the PC/SC provider and jCardSim, and exit.")
    boolean version;

    public static void main(String[] args) {
        // PC/SC's library loads on a second thread while the model below is built (docs/performance.md).
        CardOptions.prepareReader(args);
        System.exit(run(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
    }

    /** Runs one command line; the exit code follows {@link ExitCode}. Used by tests too. */
    public static int run(String[] args, PrintWriter out, PrintWriter err) {
        CommandLine cl = newRoot();
        String wanted = subcommandName(args);
        if (wanted != null && !wanted.equals("help")) {
            cl.addSubcommand(wanted, subcommand(wanted));
        } else if (!asksForVersion(args)) {
            addEverySubcommand(cl);
        }
        configure(cl);
        cl.setOut(out);
        cl.setErr(err);
        try {
            return cl.execute(args);
        } finally {
            out.flush();
            err.flush();
        }
    }

    /**
     * The whole command tree, every subcommand registered: for the help walk in the tests and the
     * build-time generators of shell completion and man pages.
     */
    public static CommandLine fullTree() {
        CommandLine cl = newRoot();
        addEverySubcommand(cl);
        configure(cl);
        return cl;
    }

    /**
     * The whole tree as picocli reads it from the annotations, whether or not the build recorded
     * it: what the build step {@link BuildModel} records and compares the recorded one with.
     */
    public static CommandLine annotatedTree() {
        setPicocliProperties();
        CommandLine cl = new CommandLine(new Main());
        SUBCOMMANDS.forEach(cl::addSubcommand);
        configure(cl);
        return cl;
    }

    /** The whole tree built from the build's records only; fails when one is missing or stale. */
    static CommandLine recordedTree() {
        setPicocliProperties();
        CommandLine cl = new CommandLine(required(CommandModels.root(), "schsm"));
        SUBCOMMANDS.keySet().forEach(name -> cl.addSubcommand(name, required(CommandModels.command(name), name)));
        configure(cl);
        return cl;
    }

    private static CommandLine.Model.CommandSpec required(CommandLine.Model.CommandSpec spec, String name) {
        if (spec == null) {
            throw new IllegalStateException("no usable recorded model of '" + name + "' (org/schsm/cli/model/"
                    + name + ".model missing, older than its classes or unreadable)");
        }
        return spec;
    }

    private static void addEverySubcommand(CommandLine cl) {
        for (String name : SUBCOMMANDS.keySet()) {
            cl.addSubcommand(name, subcommand(name));
        }
    }

    /**
     * A subcommand's model: the one recorded at build time (org.schsm.cli.model), which costs no
     * annotation reading, else its class for picocli to read (a run from an IDE that skipped the
     * build step).
     */
    private static Object subcommand(String name) {
        CommandLine.Model.CommandSpec recorded = CommandModels.command(name);
        return recorded != null ? recorded : SUBCOMMANDS.get(name);
    }

    private static CommandLine newRoot() {
        setPicocliProperties();
        CommandLine.Model.CommandSpec recorded = CommandModels.root();
        return new CommandLine(recorded != null ? recorded : new Main());
    }

    private static void setPicocliProperties() {
        // picocli probes for Groovy closures in annotations; with Groovy on the class path (for the
        // shell) that boots the Groovy runtime, a quarter of a second, on every command. None of
        // our annotations uses a closure.
        System.setProperty("picocli.disable.closures", "true");
        // picocli registers converters for every java.time and java.sql type by reflection, which
        // initialises java.time's formatters and loads the java.sql module: ~20 ms of every start
        // (docs/performance.md) for option types no schsm command has.
        System.getProperties().putIfAbsent("picocli.converters.excludes", UNUSED_CONVERTERS);
    }

    private static void configure(CommandLine cl) {
        // addSubcommand copies the root's parser settings over the ones `run` declares: everything
        // after the script name belongs to the script.
        CommandLine run = cl.getSubcommands().get("run");
        if (run != null) {
            run.setStopAtPositional(true);
        }
        // `-r sim` names the simulator reader even though `sim` is also a subcommand.
        cl.setAllowSubcommandsAsOptionParameters(true);
        cl.setExecutionExceptionHandler(new ErrorReporter());
        cl.setParameterExceptionHandler(new UsageErrors());
        // A simulated card's lock file names its holder by command ("schsm pin verify"), never by
        // its arguments, which can carry a PIN.
        CommandLine.IExecutionStrategy runLast = new CommandLine.RunLast();
        cl.setExecutionStrategy(parsed -> {
            List<CommandLine> chain = parsed.asCommandLineList();
            StateFileLock.describeProcess(chain.get(chain.size() - 1).getCommandSpec().qualifiedName());
            // -r all, a glob or a list: the command runs once per device (org.schsm.fleet).
            CardOptions card = CardOptions.of(parsed.commandSpec());
            if (FleetRun.applies(parsed, card)) {
                return FleetRun.execute(parsed, card, Main::run, Main::model);
            }
            return runLast.execute(parsed);
        });
    }

    /**
     * The whole model, every subcommand registered: what {@code schsm --help} describes and what
     * the leak sweep walks (shell/src/test/.../hardening/SecretSweepTest).
     */
    public static CommandLine.Model.CommandSpec model() {
        CommandLine cl = newRoot();
        addEverySubcommand(cl);
        return cl.getCommandSpec();
    }

    /** {@code schsm --version} prints one line and needs no subcommand's model. */
    private static boolean asksForVersion(String[] args) {
        return args.length == 1 && (args[0].equals("--version") || args[0].equals("-V"));
    }

    /** The subcommand the arguments name, or null when they name none (help, usage errors). */
    static String subcommandName(String[] args) {
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if (OPTIONS_WITH_VALUE.contains(a)) {
                i++;
            } else if (!a.startsWith("-")) {
                return SUBCOMMANDS.containsKey(a) ? a : null;
            }
        }
        return null;
    }

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
