package org.schsm.cli.interop;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs an external tool with a deadline: stdin from /dev/null (a tool that would prompt for a PIN
 * reads end-of-file), output to temporary files (no pipe can fill up), and a tool still running
 * at the deadline is killed with its children.
 */
final class ProcessRunner {
    static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);
    private static final Logger LOG = System.getLogger(ProcessRunner.class.getName());
    private static final Duration KILL_WAIT = Duration.ofSeconds(5);

    private ProcessRunner() {
    }

    static ProcessResult run(String... command) {
        return run(DEFAULT_TIMEOUT, List.of(command));
    }

    static ProcessResult run(Duration timeout, List<String> cmd) {
        Path out = null;
        Path err = null;
        try {
            out = Files.createTempFile("schsm-cli-interop-", ".out");
            err = Files.createTempFile("schsm-cli-interop-", ".err");
            long start = System.nanoTime();
            Process process = new ProcessBuilder(cmd)
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                    .redirectOutput(out.toFile())
                    .redirectError(err.toFile())
                    .start();
            boolean finished = process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
            if (!finished) {
                kill(process);
            }
            return new ProcessResult(List.copyOf(cmd), finished ? process.exitValue() : -1,
                    Files.readString(out, StandardCharsets.UTF_8), Files.readString(err, StandardCharsets.UTF_8),
                    !finished, (System.nanoTime() - start) / 1_000_000);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run " + String.join(" ", cmd), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running " + String.join(" ", cmd), e);
        } finally {
            delete(out);
            delete(err);
        }
    }

    private static void kill(Process process) throws InterruptedException {
        LOG.log(Level.WARNING, "killing " + process.info().command().orElse("process " + process.pid())
                + " after its timeout");
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
        if (!process.waitFor(KILL_WAIT.toMillis(), TimeUnit.MILLISECONDS)) {
            LOG.log(Level.ERROR, "process " + process.pid() + " survived SIGKILL for " + KILL_WAIT);
        }
    }

    private static void delete(Path file) {
        if (file == null) {
            return;
        }
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            LOG.log(Level.WARNING, "cannot delete temporary file " + file + ": " + e.getMessage());
        }
    }
}
