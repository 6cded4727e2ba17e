package org.schsm.shell;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.schsm.cli.CardConnector;
import org.schsm.cli.CardOptions;
import org.schsm.cli.CardSession;
import org.schsm.cli.ExitCode;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code schsm run SCRIPT.groovy [ARGS...]}: a Groovy script with the shell's bindings. */
@Command(name = "run", modelTransformer = StopAtPositional.class,
        description = {"Run a Groovy script with the shell's bindings (hsm, card, send, hex, tlv, ...).",
                "The exit code is the script's Integer result, else 0; errors map to the CLI's exit codes."})
public final class RunCommand implements Callable<Integer> {
    @Mixin
    CardOptions card;

    @Parameters(index = "0", paramLabel = "SCRIPT", description = "The Groovy script file.")
    Path script;

    @Parameters(index = "1..*", paramLabel = "ARGS", description = "Arguments, visible to the script as args (String[]).")
    String[] args = new String[0];

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        return run(card, script, args, out, err);
    }

    static int run(CardOptions options, Path script, String[] args, PrintWriter out, PrintWriter err) {
        try (ShellSession session = new ShellSession(options, HsmSupport.defaultFactory(), out, err)) {
            try {
                CardSession cs = CardConnector.open(options, err, true);
                session.use(cs.transport());
            } catch (RuntimeException e) {
                err.println("schsm: " + ErrorText.oneLine(e));
                return ErrorText.exitCode(e);
            }
            return new ScriptRunner(session).run(script, args);
        }
    }

    /**
     * Entry point for tests and embedding: parses {@code argv} as {@code schsm run} would and returns
     * the exit code instead of exiting.
     */
    public static int execute(String[] argv, PrintWriter out, PrintWriter err) {
        CommandLine cl = new CommandLine(new RunCommand());
        cl.setOut(out);
        cl.setErr(err);
        cl.setParameterExceptionHandler((ex, a) -> {
            ex.getCommandLine().getErr().println("schsm: " + ex.getMessage());
            return ExitCode.BAD_INPUT;
        });
        int code = cl.execute(argv);
        out.flush();
        err.flush();
        return code;
    }
}
