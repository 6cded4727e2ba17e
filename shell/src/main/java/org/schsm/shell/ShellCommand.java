package org.schsm.shell;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;
import org.jline.terminal.impl.DumbTerminal;
import org.schsm.InvalidInputException;
import org.schsm.session.CardOptions;
import org.schsm.transport.TransportException;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code schsm shell}: an interactive Groovy shell on the selected card. */
@Command(name = "shell",
        description = {"Interactive Groovy shell on the card: hsm, card, send(...), hex, tlv, sim(), connect(...).",
                "History is kept in $XDG_DATA_HOME/schsm/history with PIN literals masked."})
public final class ShellCommand implements Callable<Integer> {
    @Option(names = "--history", paramLabel = "FILE",
            description = "History file (default: $XDG_DATA_HOME/schsm/history or ~/.local/share/schsm/history).")
    Path historyFile;

    @Option(names = "--no-history", description = "Keep no history file.")
    boolean noHistory;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        Path history = noHistory ? null : historyFile != null ? historyFile : Repl.defaultHistoryFile();
        boolean interactive = System.console() != null;
        try (Terminal terminal = interactive
                ? TerminalBuilder.builder().name("schsm").system(true).build()
                : dumbTerminal(System.in, System.out)) {
            return run(CardOptions.of(spec), terminal, history, spec.commandLine().getErr());
        }
    }

    /** A terminal for piped input: reads lines from {@code in}, writes prompts and output to {@code out}. */
    public static Terminal dumbTerminal(InputStream in, OutputStream out) throws IOException {
        return new DumbTerminal("schsm", Terminal.TYPE_DUMB, in, out, StandardCharsets.UTF_8);
    }

    /**
     * Runs the shell on {@code terminal} (tests pass a dumb terminal over byte streams) with the
     * card {@code options} select; returns the exit code.
     */
    public static int run(CardOptions options, Terminal terminal, Path historyFile, PrintWriter err) throws IOException {
        PrintWriter out = terminal.writer();
        if (historyFile != null) {
            Repl.prepareHistoryFile(historyFile);
        }
        try (ShellSession session = new ShellSession(options, HsmSupport.defaultFactory(), out, err)) {
            try {
                session.open(options);
            } catch (TransportException | InvalidInputException e) {
                // an unknown reader or several cards: the shell still starts, to choose with connect()/sim()
                err.println("schsm: " + ErrorText.message(e) + " (the shell starts without a card: use sim() or connect(NAME))");
            }
            return new Repl(session, terminal, historyFile).run();
        } finally {
            out.flush();
            err.flush();
        }
    }
}
