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

/**
 * Every command opens its card through the one reader registry: the simulator's three forms work
 * for any command (not only {@code schsm test}), and {@code schsm readers} shows what the registry offers.
 */
class ReaderRegistryCliTest {
    @TempDir
    Path dir;

    @Test
    void simFreshAndSimFileWorkForEveryCommandNotOnlyTest() {
        Cli.Result fresh = Cli.runBare("-r", "sim:fresh", "pin", "status");
        assertEquals(ExitCode.OK, fresh.exitCode(), fresh::toString);
        Path state = dir.resolve("a.state");
        Cli.Result file = Cli.runBare("-r", "sim:" + state, "status");
        assertEquals(ExitCode.OK, file.exitCode(), file::toString);
        assertTrue(Files.exists(state), "sim:FILE keeps its card in FILE");
        assertFalse(file.err().contains("note: no reader"), "a chosen simulator is no fallback: " + file);
    }

    @Test
    void readersJsonNamesTheSimulatorByWhatToTypeAfterR() {
        Cli.Result r = Cli.runBare("readers", "--json");
        assertEquals(ExitCode.OK, r.exitCode(), r::toString);
        JsonArray readers = JsonParser.parseString(r.out()).getAsJsonObject().getAsJsonArray("readers");
        var sim = readers.get(readers.size() - 1).getAsJsonObject();
        assertEquals("sim", sim.get("reader").getAsString());
        assertEquals("embedded simulated SmartCard-HSM", sim.get("name").getAsString());
        assertTrue(sim.get("cardPresent").getAsBoolean());
    }

    @Test
    void anEmptySimArgumentIsOneLineAndExitTwo() {
        Cli.Result r = Cli.runBare("-r", "sim:", "status");
        assertEquals(ExitCode.BAD_INPUT, r.exitCode(), r::toString);
        assertEquals(1, r.err().strip().lines().count(), r::toString);
        assertEquals("", r.out());
    }
}
