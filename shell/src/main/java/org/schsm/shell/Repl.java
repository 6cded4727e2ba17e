package org.schsm.shell;

import groovy.lang.GroovyShell;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.codehaus.groovy.runtime.InvokerHelper;
import org.jline.reader.EndOfFileException;
import org.jline.reader.LineReader;
import org.jline.reader.LineReaderBuilder;
import org.jline.reader.UserInterruptException;
import org.jline.terminal.Terminal;
import org.schsm.UserDirectories;
import org.schsm.apdu.Hex;
import org.schsm.hsm.DeviceStatus;
import org.schsm.hsm.Diagnosis;

/**
 * The read-eval-print loop of {@code schsm shell}: JLine 3 for editing, completion, multi-line
 * input and history (PINs masked, see {@link PinMask}); Groovy for evaluation with one binding, so
 * variables persist; one line per error, {@code :trace} for the full stack trace.
 */
public final class Repl {
    static final String PROMPT = "schsm> ";
    static final String CONTINUATION = "  ...> ";

    private final ShellSession session;
    private final Terminal terminal;
    private final LineReader reader;
    private final MaskingHistory history;
    /** The history's mask: it also decides whether a result would show a value it masked. */
    private final PinMask mask = new PinMask();
    private GroovyShell groovy;   // made on first use: the prompt comes up before Groovy's compiler loads
    private final PrintWriter out;
    private int lineNumber;

    public Repl(ShellSession session, Terminal terminal, Path historyFile) {
        this.session = session;
        this.terminal = terminal;
        this.out = session.out();
        this.history = new MaskingHistory(mask);
        LineReaderBuilder builder = LineReaderBuilder.builder()
                .appName("schsm")
                .terminal(terminal)
                .parser(new GroovyLineParser())
                .completer(new ShellCompleter(session.binding()))
                .history(history)
                .variable(LineReader.SECONDARY_PROMPT_PATTERN, CONTINUATION)
                .option(LineReader.Option.DISABLE_EVENT_EXPANSION, true)   // '!' is Groovy's not
                .option(LineReader.Option.HISTORY_IGNORE_SPACE, false);
        if (historyFile != null) {
            builder.variable(LineReader.HISTORY_FILE, historyFile);
        }
        this.reader = builder.build();
        session.pinPrompt(this::readSecret);
    }

    /** Runs until {@code :quit}, {@code :exit} or end of input; returns the exit code 0. */
    public int run() {
        out.println("schsm shell on " + (session.card() == null ? "no card" : session.card().name())
                + (session.binding().getVariable("hsm") == null ? " (hsm API not available: use send)" : "")
                + ". :help for help, :quit to leave.");
        out.flush();
        while (true) {
            String line;
            try {
                line = reader.readLine(PROMPT);
            } catch (UserInterruptException e) {
                continue;   // Ctrl-C discards the line being typed, as in bash
            } catch (EndOfFileException e) {
                break;
            }
            String trimmed = line.strip();
            if (trimmed.isEmpty()) {
                continue;
            }
            if (trimmed.startsWith(":")) {
                if (!command(trimmed)) {
                    break;
                }
            } else {
                evaluate(line);
            }
            out.flush();
        }
        saveHistory();
        return 0;
    }

    private boolean command(String text) {
        String name = text.split("\\s+")[0];
        switch (name) {
            case ":quit", ":exit", ":q" -> {
                return false;
            }
            case ":trace" -> ErrorText.printTrace(session.lastError(), out);
            case ":help", ":h", ":?" -> out.print(ShellHelp.text(session.binding()));
            default -> out.println("error: unknown command " + name + " (:help lists the commands)");
        }
        return true;
    }

    /** Evaluates one (possibly multi-line) input and prints its value or one error line. */
    void evaluate(String input) {
        String source = DeclarationRewriter.rewrite(input);
        try {
            if (groovy == null) {
                groovy = GroovyShells.create(session);
            }
            Object result = groovy.evaluate(source, "schsm" + (++lineNumber) + ".groovy");
            if (result != null) {
                String text = format(result);
                // `pin = '648219'` evaluates to the PIN itself: what history masked, the screen hides too
                out.println("=> " + (mask.holdsSecret(text) ? "(not shown: holds a value masked as a secret)" : text));
            }
        } catch (Exception | AssertionError | StackOverflowError e) {
            Throwable cause = ErrorText.unwrap(e);
            session.lastError(cause);
            out.println("error: " + ErrorText.message(cause));
        }
    }

    static String format(Object value) {
        if (value instanceof byte[] bytes) {
            return Hex.spaced(bytes);
        }
        if (value instanceof char[]) {
            return "char[] (not shown)";   // askPin results
        }
        // the hsm API's reports read as sc-hsm-tool and `schsm doctor` print them, not as records
        if (value instanceof DeviceStatus status) {
            return String.join("\n", status.lines(ShellRemedies::call));
        }
        if (value instanceof Diagnosis diagnosis) {
            return diagnosis.toText(ShellRemedies::call).stripTrailing();
        }
        return InvokerHelper.toString(value);
    }

    private char[] readSecret(String prompt) {
        reader.setVariable(LineReader.DISABLE_HISTORY, true);
        try {
            String typed = reader.readLine(prompt + ": ", '*');
            if (typed == null || typed.isEmpty()) {
                throw new org.schsm.InvalidInputException("no value entered for " + prompt);
            }
            return typed.toCharArray();
        } finally {
            reader.setVariable(LineReader.DISABLE_HISTORY, false);
        }
    }

    private void saveHistory() {
        try {
            history.save();
        } catch (IOException e) {
            session.err().println("schsm: shell history not saved: " + e.getMessage());
        }
    }

    /** {@code $XDG_DATA_HOME/schsm/history} or {@code ~/.local/share/schsm/history}. */
    public static Path defaultHistoryFile() {
        return UserDirectories.system().data().resolve("history");
    }

    /** Creates the history's directory; the file itself is made readable by the owner only. */
    static void prepareHistoryFile(Path file) throws IOException {
        Path dir = file.toAbsolutePath().getParent();
        if (dir != null) {
            Files.createDirectories(dir);
        }
        if (!Files.exists(file)) {
            Files.createFile(file);
            if (file.getFileSystem().supportedFileAttributeViews().contains("posix")) {
                Files.setPosixFilePermissions(file, java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
            }
        }
    }

    Terminal terminal() {
        return terminal;
    }
}
