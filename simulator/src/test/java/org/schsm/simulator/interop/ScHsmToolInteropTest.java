package org.schsm.simulator.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.schsm.testkit.InteropTest;
import org.schsm.testkit.ProcessResult;
import org.schsm.testkit.ProcessRunner;
import org.schsm.testkit.Requirement;

/** OpenSC's sc-hsm-tool against the simulated SmartCard-HSM in the vpcd reader. */
@InteropTest({Requirement.PCSCD, Requirement.VPCD_DRIVER, Requirement.OPENSC_TOOL, Requirement.VPCD_READER,
        Requirement.SC_HSM_TOOL})
@Timeout(90)
class ScHsmToolInteropTest {
    private static final String NEVER_INITIALIZED =
            "SmartCard-HSM has never been initialized. Please use --initialize to set SO-PIN and user PIN.";

    @TempDir
    Path dir;
    private VirtualReader reader;

    @AfterEach
    void removeCard() {
        if (reader != null) {
            reader.close();
        }
    }

    /** {@code sc-hsm-tool -r <the vpcd reader> args...} */
    static ProcessResult scHsmTool(String... args) {
        String[] cmd = new String[args.length + 3];
        cmd[0] = "sc-hsm-tool";
        cmd[1] = "-r";
        cmd[2] = VirtualReader.NAME;
        System.arraycopy(args, 0, cmd, 3, args.length);
        // A share password goes through EVP_BytesToKey with 10,000,000 MD5 rounds in sc-hsm-tool:
        // seconds on an idle machine, more than the default 30 s on a loaded 2-core one.
        boolean kdf = Arrays.asList(args).contains("--create-dkek-share") || Arrays.asList(args).contains("--import-dkek-share");
        return kdf ? ProcessRunner.run(KDF_TIMEOUT, Map.of(), cmd) : ProcessRunner.run(cmd);
    }

    private static final Duration KDF_TIMEOUT = Duration.ofSeconds(150);

    @Test
    void freshCardReportsThatItHasNeverBeenInitialized() throws Exception {
        SimulatedHsm hsm = SimulatedHsm.fresh();
        reader = VirtualReader.insert(hsm.recorder);

        ProcessResult status = scHsmTool();
        hsm.recorder.save("sc-hsm-tool-status-fresh");

        assertTrue(status.succeeded(), status.describe());
        assertTrue(status.stdout().lines().anyMatch(l -> l.matches("Version {14}: \\d+\\.\\d+")), status.describe());
        assertTrue(status.stdout().contains(NEVER_INITIALIZED), status.describe());
        assertEquals("6A88", hsm.recorder.first("00 20 00 88").swHex(), hsm.recorder.transcript());
    }

    @Test
    void initializeSetsBothPinsAndStatusShowsTheirRetryCounters() throws Exception {
        SimulatedHsm hsm = SimulatedHsm.fresh();
        Path state = dir.resolve("card.state");
        reader = VirtualReader.insert(hsm.recorder, hsm.adapter.saveTo(state));

        ProcessResult init = scHsmTool("--initialize", "--so-pin", SimulatedHsm.SO_PIN, "--pin", SimulatedHsm.USER_PIN);
        hsm.recorder.save("sc-hsm-tool-initialize");
        assertTrue(init.succeeded(), init.describe());
        assertFalse(init.stderr().contains("failed"), init.describe());
        ApduRecorder.Exchange initialize = hsm.recorder.first("80 50 00 00");
        assertEquals("80 50 00 00 19 **", initialize.command(), "INITIALIZE as traced, PINs redacted");
        assertEquals("9000", initialize.swHex());

        hsm.recorder.clear();
        ProcessResult status = scHsmTool();
        hsm.recorder.save("sc-hsm-tool-status-initialized");
        assertTrue(status.succeeded(), status.describe());
        String out = status.stdout();
        assertTrue(out.contains("Config options       :\n  User PIN reset with SO-PIN enabled\n"), status.describe());
        assertTrue(out.contains("SO-PIN tries left    : 15\n"), status.describe());
        assertTrue(out.contains("User PIN tries left  : 3\n"), status.describe());
        assertFalse(out.contains(NEVER_INITIALIZED), status.describe());
        assertEquals("63CF", hsm.recorder.first("00 20 00 88").swHex());
        assertEquals("63C3", hsm.recorder.first("00 20 00 81").swHex());
    }

    @Test
    void theAfterCommandHookSavesTheInitializedStateForTheNextRun() throws Exception {
        SimulatedHsm hsm = SimulatedHsm.fresh();
        Path state = dir.resolve("card.state");
        reader = VirtualReader.insert(hsm.recorder, hsm.adapter.saveTo(state));
        ProcessResult init = scHsmTool("--initialize", "--so-pin", SimulatedHsm.SO_PIN, "--pin", SimulatedHsm.USER_PIN);
        assertTrue(init.succeeded(), init.describe());
        reader.close();
        reader = null;
        assertTrue(Files.exists(state), "INITIALIZE must have triggered a save");

        SimulatedHsm restarted = SimulatedHsm.load(state);
        reader = VirtualReader.insert(restarted.recorder);
        ProcessResult status = scHsmTool();
        assertTrue(status.stdout().contains("User PIN tries left  : 3\n"), status.describe());
        assertTrue(status.stdout().contains("SO-PIN tries left    : 15\n"), status.describe());
    }
}
