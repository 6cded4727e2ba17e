package org.schsm.cli;

import java.io.PrintWriter;
import org.schsm.shell.RunCommand;
import org.schsm.shell.ShellCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code schsm} command: picocli parses, each subcommand does one job. */
@Command(name = "schsm",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = "Toolkit for the CardContact SmartCard-HSM / Nitrokey HSM.",
        subcommands = {
                ReadersCommand.class,
                StatusCommand.class,
                InitCommand.class,
                PinCommand.class,
                DoctorCommand.class,
                SendCommand.class,
                AtrCommand.class,
                SimCommand.class,
                ShellCommand.class,
                RunCommand.class,
                org.schsm.conformance.TestCommand.class,
                CommandLine.HelpCommand.class
        })
public final class Main implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @CommandLine.Mixin
    CardOptions card;

    public static void main(String[] args) {
        System.exit(run(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
    }

    /** Runs one command line; the exit code follows {@link ExitCode}. Used by tests too. */
    public static int run(String[] args, PrintWriter out, PrintWriter err) {
        CommandLine cl = new CommandLine(new Main());
        // `-r sim` names the simulator reader even though `sim` is also a subcommand.
        cl.setAllowSubcommandsAsOptionParameters(true);
        cl.setOut(out);
        cl.setErr(err);
        cl.setExecutionExceptionHandler(new ErrorReporter());
        cl.setParameterExceptionHandler((ex, a) -> {
            ex.getCommandLine().getErr().println("schsm: " + ex.getMessage());
            ex.getCommandLine().getErr().println("Try '" + ex.getCommandLine().getCommandSpec().qualifiedName()
                    + " --help' for usage.");
            return ExitCode.BAD_INPUT;
        });
        try {
            return cl.execute(args);
        } finally {
            out.flush();
            err.flush();
        }
    }

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
