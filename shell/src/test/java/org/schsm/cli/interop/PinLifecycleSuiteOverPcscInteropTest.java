package org.schsm.cli.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.schsm.cli.Main;
import org.schsm.session.ExitCode;
import org.schsm.testkit.InteropTest;
import org.schsm.testkit.PcscEnvironment;
import org.schsm.testkit.Requirement;
import org.schsm.testkit.SchsmRun;

/**
 * The shipped PIN-lifecycle suite over the real PC/SC stack, against {@code schsm sim serve} in
 * its own process, passes exactly as it does in-process: every case, the malformed-APDU ones
 * answered by the card (6700), and with the same answers to every command (differential mode).
 */
@InteropTest({Requirement.PCSCD, Requirement.VPCD_DRIVER, Requirement.OPENSC_TOOL, Requirement.VPCD_READER})
@Timeout(300)
class PinLifecycleSuiteOverPcscInteropTest {
    private static final Path SUITE = Path.of("..", "scripts", "conformance", "sc-hsm-pin-lifecycle.groovy");

    @TempDir
    Path dir;
    private Process serve;

    @AfterEach
    void stopServing() throws InterruptedException {
        if (serve != null) {
            serve.destroy();
            if (!serve.waitFor(10, TimeUnit.SECONDS)) {
                serve.destroyForcibly();
            }
            for (int i = 0; i < 100 && CardInReader.cardPresent().orElse(false); i++) {
                Thread.sleep(100);
            }
        }
    }

    /** {@code schsm sim serve} on a fresh state file, in its own JVM; returns once pcscd shows the card. */
    private void serveFreshCard() throws IOException, InterruptedException {
        if (CardInReader.cardPresent().orElse(false)) {
            PcscEnvironment.unavailable("reader '" + CardInReader.NAME + "' already holds another client's card");
        }
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), Main.class.getName(),
                "sim", "serve", "--state", dir.resolve("served.state").toString(), "--port", "" + CardInReader.PORT,
                "--for", "240"));
        serve = new ProcessBuilder(cmd).redirectErrorStream(true)
                .redirectOutput(dir.resolve("serve.log").toFile()).start();
        for (int i = 0; i < 150; i++) {
            if (CardInReader.cardPresent().orElse(false)) {
                return;
            }
            if (!serve.isAlive()) {
                throw new AssertionError("schsm sim serve ended: " + Files.readString(dir.resolve("serve.log")));
            }
            Thread.sleep(100);
        }
        throw new AssertionError("pcscd never showed the served card: " + Files.readString(dir.resolve("serve.log")));
    }

    @Test
    void theShippedSuitePassesOverPcscExactlyAsInProcess() throws Exception {
        SchsmRun inProcess = Tools.schsmBare("test", "-r", "sim:fresh", SUITE.toString());
        assertEquals(ExitCode.OK, inProcess.exitCode(), inProcess.toString());
        String expected = last(inProcess.out());
        assertTrue(expected.matches("\\d+ passed, 0 failed, 0 skipped"), inProcess.toString());

        serveFreshCard();
        Path xml = dir.resolve("pcsc.xml");
        SchsmRun overPcsc = Tools.schsmBare("-v", "-r", CardInReader.NAME, "test", SUITE.toString(),
                "--junit-xml", xml.toString());

        assertEquals(ExitCode.OK, overPcsc.exitCode(), overPcsc.toString());
        assertEquals(expected, last(overPcsc.out()), overPcsc.toString());
        // The malformed commands went to the card, which answered them; the trace shows the bytes sent.
        String trace = overPcsc.err();
        assertTrue(trace.contains("trace >> 00 20 00 (malformed"), trace);
        assertTrue(trace.contains("trace >> 01 20 00 81\ntrace << 6E00"), trace);
        String report = Files.readString(xml);
        assertTrue(report.contains("an APDU of 3 bytes answers 6700") && !report.contains("<skipped"), report);
    }

    @Test
    void theServedCardAnswersEveryCommandOfTheSuiteAsTheInProcessCardDoes() throws Exception {
        serveFreshCard();
        SchsmRun both = Tools.schsmBare("test", "-r", "sim:fresh", "-r", CardInReader.NAME, SUITE.toString());
        assertEquals(ExitCode.OK, both.exitCode(), both.toString());
        assertTrue(both.out().lines().anyMatch(l -> l.matches("differential: 0 of \\d+ cases differ")), both.toString());
    }

    /**
     * The JDK provider cannot send a 3-byte command or class 01 unchanged: those two cases are
     * skipped with the reason, nothing else is lost, and the run ends normally (exit 0).
     */
    @Test
    void withTheJdkProviderOnlyTheCasesItCannotSendAreSkippedAndTheRunGoesOn() throws Exception {
        serveFreshCard();
        org.schsm.testkit.ProcessResult run = Tools.schsmProcess(java.util.Map.of("SCHSM_PCSC_PROVIDER", "sun"),
                "-r", CardInReader.NAME, "test", SUITE.toString(), "--junit-xml", dir.resolve("sun.xml").toString());
        assertEquals(ExitCode.OK, run.exitCode(), run.describe());
        List<String> lines = run.stdout().lines().toList();
        assertTrue(lines.get(lines.size() - 1).matches("\\d+ passed, 0 failed, 2 skipped"), run.describe());
        String report = Files.readString(dir.resolve("sun.xml"));
        assertTrue(report.contains("not sendable here: the JDK PC/SC provider (SCHSM_PCSC_PROVIDER=sun) refuses a command"
                + " of 3 bytes"), report);
        assertTrue(report.contains("would send class byte 00 instead of 01"), report);
        assertTrue(!report.contains("card lost"), report);
    }

    private static String last(String out) {
        List<String> lines = out.lines().toList();
        return lines.isEmpty() ? "" : lines.get(lines.size() - 1);
    }
}
