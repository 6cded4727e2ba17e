package org.schsm.cli.interop;

import java.util.List;

/** What a finished (or killed) external command left behind. */
record ProcessResult(List<String> command, int exitCode, String stdout, String stderr, boolean timedOut, long millis) {

    boolean succeeded() {
        return !timedOut && exitCode == 0;
    }

    String all() {
        return stdout + stderr;
    }

    /** For assertion messages: the command, its exit and both outputs. */
    String describe() {
        return String.join(" ", command) + (timedOut ? " (killed after timeout)" : " exited " + exitCode) + " after " + millis + " ms"
                + "\n--- stdout ---\n" + stdout + "--- stderr ---\n" + stderr;
    }
}
