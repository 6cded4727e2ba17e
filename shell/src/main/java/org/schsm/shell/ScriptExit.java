package org.schsm.shell;

/**
 * Ends a script early with an exit code, its message already printed: what {@code parseArgs}
 * throws after {@code --help} (0) or after a usage error and the usage (2).
 */
final class ScriptExit extends RuntimeException {
    private final int exitCode;

    ScriptExit(int exitCode) {
        super(null, null, false, false);
        this.exitCode = exitCode;
    }

    int exitCode() {
        return exitCode;
    }
}
