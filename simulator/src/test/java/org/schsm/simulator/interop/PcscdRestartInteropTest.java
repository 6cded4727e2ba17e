package org.schsm.simulator.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;
import org.schsm.testkit.InteropTest;
import org.schsm.testkit.ProcessResult;
import org.schsm.testkit.ProcessRunner;
import org.schsm.testkit.Requirement;

/**
 * The bridge survives a pcscd restart: it notices the broken connection, powers the card off,
 * waits for the new pcscd and puts the card back into the reader.
 *
 * <p>Opt-in ({@code SCHSM_INTEROP_RESTART_PCSCD=true}) because it stops the machine's pcscd and
 * starts a new one in the background ({@code pcscd}, daemonized), which then outlives the test
 * run; a pcscd started in the foreground by a CI script is replaced by that daemon. Needs root.
 * Without the variable the same behaviour is covered against a fake vpcd in VpcdClientTest.
 */
@InteropTest({Requirement.PCSCD, Requirement.VPCD_DRIVER, Requirement.OPENSC_TOOL, Requirement.VPCD_READER})
@EnabledIfEnvironmentVariable(named = "SCHSM_INTEROP_RESTART_PCSCD", matches = "true")
@Timeout(120)
class PcscdRestartInteropTest {
    private static final Path PID_FILE = Path.of("/run/pcscd/pcscd.pid");
    private static final Duration STOP_WAIT = Duration.ofSeconds(15);

    @Test
    void cardComesBackIntoTheReaderAfterPcscdRestarts() throws Exception {
        try (VirtualReader reader = VirtualReader.insert(new ScriptedScHsmCard())) {
            assertEquals(1, reader.client().sessions());

            ProcessHandle pcscd = runningPcscd();
            pcscd.destroy();
            pcscd.onExit().get(STOP_WAIT.toSeconds(), java.util.concurrent.TimeUnit.SECONDS);
            ProcessResult started = ProcessRunner.run("pcscd");
            assertTrue(started.succeeded(), started.describe());

            assertTrue(reader.client().awaitSessions(2, Duration.ofSeconds(30)),
                    "the client did not reconnect to the new pcscd");
            assertTrue(reader.awaitPresence(true), "the new pcscd does not see the card");
            ProcessResult atr = ProcessRunner.run("opensc-tool", "-r", VirtualReader.NAME, "-a");
            assertTrue(atr.succeeded(), atr.describe());
            assertEquals(ScriptedScHsmCard.ATR_OPENSC, atr.stdout().trim());
        }
    }

    private static ProcessHandle runningPcscd() throws Exception {
        long pid = Long.parseLong(Files.readString(PID_FILE).trim());
        Optional<ProcessHandle> handle = ProcessHandle.of(pid);
        assertTrue(handle.isPresent(), "pcscd pid " + pid + " from " + PID_FILE + " is not running");
        return handle.get();
    }
}
