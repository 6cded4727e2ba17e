package org.schsm.testkit;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.System.Logger.Level;
import java.lang.System.Logger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs an external tool with a deadline. Output goes to temporary files (no pipe can fill up and
 * block the tool), stdin is empty (a tool that prompts for a PIN reads end-of-file instead of
 * waiting), and a tool still running at the deadline is killed with all its children.
 */
public final class ProcessRunner {
    /**
     * A deadline against a hung tool, not a speed check: sc-hsm-tool's share commands derive a key
     * with 10,000,000 MD5 rounds, seconds alone and over 30 s on a loaded 2-core machine.
     */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(180);
    private static final Logger LOG = System.getLogger(ProcessRunner.class.getName());
    private static final Duration KILL_WAIT = Duration.ofSeconds(5);

    private ProcessRunner() {
    }

    public static ProcessResult run(String... command) {
        return run(DEFAULT_TIMEOUT, Map.of(), command);
    }

    public static ProcessResult run(Duration timeout, Map<String, String> environment, String... command) {
        List<String> cmd = List.of(command);
        Path out = null;
        Path err = null;
        try {
            out = Files.createTempFile("schsm-interop-", ".out");
            err = Files.createTempFile("schsm-interop-", ".err");
            long start = System.nanoTime();
            ProcessBuilder builder = new ProcessBuilder(cmd)
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                    .redirectOutput(out.toFile())
                    .redirectError(err.toFile());
            builder.environment().putAll(environment);
            Process process = builder.start();
            boolean finished = process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
            if (!finished) {
                kill(process);
            }
            return new ProcessResult(cmd, finished ? process.exitValue() : -1,
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
