package org.schsm.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.schsm.session.ExitCode;
import org.schsm.testkit.ProcessResult;
import org.schsm.testkit.ProcessRunner;

/**
 * {@code main} prepares the reader named by {@code -r} before picocli runs (CardOptions.prepareReader).
 * That preparation is a hint: whatever it trips over is reported by the command itself, as one line
 * with the usual exit code, never as a stack trace from main. Run as a process, since only main does it.
 */
class ReaderPreparationProcessTest {

    private static ProcessResult schsm(Map<String, String> environment, String... args) {
        List<String> cmd = new java.util.ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), Main.class.getName()));
        cmd.addAll(List.of(args));
        return ProcessRunner.run(ProcessRunner.DEFAULT_TIMEOUT, environment, cmd.toArray(String[]::new));
    }

    @Test
    void aBadProviderSettingIsStillOneLineAndABadInputExit() {
        ProcessResult run = schsm(Map.of("SCHSM_PCSC_PROVIDER", "bogus"), "-r", "Virtual PCD 00 00", "status");
        assertEquals(ExitCode.BAD_INPUT, run.exitCode(), run.describe());
        assertEquals(List.of("schsm: SCHSM_PCSC_PROVIDER must be jna or sun, not 'bogus'"), run.stderr().lines().toList(),
                run.describe());
        assertEquals("", run.stdout(), run.describe());
    }
}
