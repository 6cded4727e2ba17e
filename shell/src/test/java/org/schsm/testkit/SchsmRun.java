package org.schsm.testkit;

import java.util.List;

/**
 * One in-process {@code schsm} run (or one shell session): its command line, exit code, both
 * outputs, what it printed around them (only when captured, see
 * {@link InProcessSchsm#capturingStrayOutput()}) and how long it took.
 */
public record SchsmRun(List<String> args, int exitCode, String out, String err, String stray, long millis) {

    /** Both outputs, for a message that may go to either. */
    public String all() {
        return out + err;
    }

    /** Both outputs and the stray output. */
    public String everything() {
        return out + "\n" + err + "\n" + stray;
    }

    /** The non-blank lines on err. */
    public List<String> errLines() {
        return err.lines().filter(l -> !l.isBlank()).toList();
    }

    /** The last line on out (the summary line of {@code schsm test}). */
    public String lastLine() {
        String[] lines = out.strip().split("\\R");
        return lines[lines.length - 1];
    }

    /** Without the command line: tests put secrets on it, and this text goes into failure messages. */
    @Override
    public String toString() {
        return "exit " + exitCode + " in " + millis + " ms"
                + "\n--- out\n" + out + "--- err\n" + err
                + (stray.isEmpty() ? "" : "--- System.out/err and log records\n" + stray);
    }
}
