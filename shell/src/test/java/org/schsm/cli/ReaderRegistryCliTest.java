package org.schsm.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonParser;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.schsm.session.ExitCode;
import org.schsm.testkit.InProcessSchsm;
import org.schsm.testkit.SchsmRun;

/**
 * Every command opens its card through the one reader registry: the simulator's three forms work
 * for any command (not only {@code schsm test}), and {@code schsm readers} shows what the registry offers.
 */
class ReaderRegistryCliTest {
    @TempDir
    Path dir;

    @Test
    void simFreshAndSimFileWorkForEveryCommandNotOnlyTest() {
        SchsmRun fresh = InProcessSchsm.schsm("-r", "sim:fresh", "pin", "status");
        assertEquals(ExitCode.OK, fresh.exitCode(), fresh::toString);
        Path state = dir.resolve("a.state");
        SchsmRun file = InProcessSchsm.schsm("-r", "sim:" + state, "status");
        assertEquals(ExitCode.OK, file.exitCode(), file::toString);
        assertTrue(Files.exists(state), "sim:FILE keeps its card in FILE");
        assertFalse(file.err().contains("note: no reader"), "a chosen simulator is no fallback: " + file);
    }

    @Test
    void readersJsonNamesTheSimulatorByWhatToTypeAfterR() {
        SchsmRun r = InProcessSchsm.schsm("readers", "--json");
        assertEquals(ExitCode.OK, r.exitCode(), r::toString);
        JsonArray readers = JsonParser.parseString(r.out()).getAsJsonObject().getAsJsonArray("readers");
        var sim = readers.get(readers.size() - 1).getAsJsonObject();
        assertEquals("sim", sim.get("reader").getAsString());
        assertEquals("embedded simulated SmartCard-HSM", sim.get("name").getAsString());
        assertTrue(sim.get("cardPresent").getAsBoolean());
    }

    @Test
    void anEmptySimArgumentIsOneLineAndExitTwo() {
        SchsmRun r = InProcessSchsm.schsm("-r", "sim:", "status");
        assertEquals(ExitCode.BAD_INPUT, r.exitCode(), r::toString);
        assertEquals(1, r.err().strip().lines().count(), r::toString);
        assertEquals("", r.out());
    }
}
