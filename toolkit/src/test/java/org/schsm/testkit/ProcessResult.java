package org.schsm.testkit;

import java.util.List;

/** What a finished (or killed) external command left behind. */
public record ProcessResult(List<String> command, int exitCode, String stdout, String stderr, boolean timedOut,
        long millis) {

    public boolean succeeded() {
        return !timedOut && exitCode == 0;
    }

    /** Both outputs, for a message that may go to either. */
    public String all() {
        return stdout + stderr;
    }

    /** For assertion messages: the command, its exit, its time and both outputs. */
    public String describe() {
        return String.join(" ", command) + (timedOut ? " (killed after timeout)" : " exited " + exitCode)
                + " after " + millis + " ms"
                + "\n--- stdout ---\n" + stdout + "--- stderr ---\n" + stderr;
    }
}
