package org.schsm.shell;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.schsm.session.CardOptions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine;

/**
 * {@code schsm run SCRIPT.groovy [ARGS...]}: a Groovy script with the shell's bindings. The card
 * options ({@code -r}, {@code --sim-state}, {@code -v}) are the root command's inherited ones, so
 * they go before the script name ({@code schsm -r sim run s.groovy} or {@code schsm run -r sim s.groovy});
 * every word after it is the script's.
 */
@Command(name = "run", modelTransformer = StopAtPositional.class,
        description = {"Run a Groovy script with the shell's bindings (hsm, card, send, hex, tlv, ...).",
                "Card options go before SCRIPT; every word after it is given to the script as args.",
                "The exit code is the script's Integer result, else 0; errors map to the CLI's exit codes."})
public final class RunCommand implements Callable<Integer> {
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
        return run(CardOptions.of(spec), script, args, out, err);
    }

    /** Opens the card {@code options} select and runs {@code script}; returns the exit code. */
    static int run(CardOptions options, Path script, String[] args, PrintWriter out, PrintWriter err) {
        try (ShellSession session = new ShellSession(options, HsmSupport.defaultFactory(), out, err)) {
            try {
                session.open(options);
            } catch (RuntimeException e) {
                err.println("schsm: " + ErrorText.message(e, ShellRemedies::forScriptUsers));
                return ErrorText.exitCode(e);
            }
            return new ScriptRunner(session).run(script, args);
        } finally {
            out.flush();
            err.flush();
        }
    }
}
