package org.schsm.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.schsm.session.ExitCode;
import org.schsm.testkit.HsmConstants;
import org.schsm.testkit.InProcessSchsm;
import org.schsm.testkit.SchsmRun;

/**
 * Commands over a set of devices, on simulated cards kept in state files ({@code -r sim:a,sim:b}):
 * one initialized, one never initialized, one whose state file is broken (a device that fails).
 */
class FleetCliTest {
    private static final String SO = HsmConstants.DEFAULT_SO_PIN;
    private static final String PIN = HsmConstants.USER_PIN;

    @TempDir
    Path dir;
    private Path initialized;
    private Path fresh;
    private Path broken;

    @BeforeEach
    void devices() throws Exception {
        initialized = dir.resolve("a.state");
        fresh = dir.resolve("b.state");
        broken = dir.resolve("c.state");
        SchsmRun init = InProcessSchsm.schsm("-r", "sim:" + initialized, "init", "--so-pin", SO, "--pin", PIN);
        assertEquals(ExitCode.OK, init.exitCode(), init::toString);
        SchsmRun touch = InProcessSchsm.schsm("-r", "sim:" + fresh, "status");
        assertEquals(ExitCode.OK, touch.exitCode(), touch::toString);
        Files.writeString(broken, "not a state file");
    }

    private String set(Path... files) {
        return String.join(",", java.util.Arrays.stream(files).map(f -> "sim:" + f).toList());
    }

    @Test
    void pinStatusOverASetIsOneTableWithARowPerDeviceAndTheWorstExitCode() {
        SchsmRun r = InProcessSchsm.schsm("-r", set(initialized, fresh, broken), "pin", "status");
        assertEquals(ExitCode.NO_CARD, r.exitCode(), r::toString);
        List<String> lines = r.out().lines().toList();
        assertTrue(lines.get(0).matches("READER +SERIAL +PIN +VERDICT"), r::toString);
        assertEquals(5, lines.size(), r::toString);
        assertTrue(lines.get(1).contains("a.state") && lines.get(1).contains("3 tries") && lines.get(1).endsWith("ok"), r::toString);
        assertTrue(lines.get(2).contains("b.state") && lines.get(2).contains("not initialized"), r::toString);
        assertTrue(lines.get(3).contains("c.state") && lines.get(3).contains("lost: "), "the broken device is a row: " + r);
        assertEquals("3 devices: 2 ok, 1 with a problem", lines.get(4));
        assertTrue(lines.get(1).matches(".*a\\.state +ZZSIM[0-9A-Z]{6} .*"), "each row carries the device's serial: " + r);
    }

    @Test
    void statusJsonIsAnArrayWithEachDevicesOwnResult() {
        SchsmRun r = InProcessSchsm.schsm("-r", set(initialized, fresh, broken), "status", "--json", "--parallel", "3");
        JsonArray rows = JsonParser.parseString(r.out()).getAsJsonArray();
        assertEquals(3, rows.size(), r::toString);
        JsonObject a = rows.get(0).getAsJsonObject();
        assertEquals(0, a.get("exitCode").getAsInt());
        assertEquals(a.get("serial").getAsString(), a.getAsJsonObject("result").get("serial").getAsString());
        assertEquals(ExitCode.NO_CARD, rows.get(2).getAsJsonObject().get("exitCode").getAsInt());
        assertTrue(rows.get(2).getAsJsonObject().get("serial").isJsonNull());
        assertEquals(ExitCode.NO_CARD, r.exitCode());
    }

    @Test
    void initOverASetInitializesTheFreshDeviceAndTheGuardKeepsTheInitializedOne() {
        SchsmRun r = InProcessSchsm.schsm("-r", set(initialized, fresh), "--parallel", "2", "init", "--so-pin", SO, "--pin", PIN);
        assertEquals(ExitCode.GUARD, r.exitCode(), r::toString);
        assertTrue(r.out().contains("init on 2 devices: 1 done, 1 refused by the guard, 0 refused by the card, 0 lost"), r::toString);
        assertTrue(r.err().lines().anyMatch(l -> l.startsWith("[sim:" + initialized + "] ")), "output prefixed by reader: " + r);
        assertFalse(r.all().contains(PIN) || r.all().contains(SO), "no secret echoed: " + r);
        SchsmRun after = InProcessSchsm.schsm("-r", set(initialized, fresh), "pin", "status");
        assertEquals(ExitCode.OK, after.exitCode(), after::toString);
        assertEquals(2, after.out().lines().filter(l -> l.contains("3 tries")).count(), after::toString);
    }

    @Test
    void dryRunShowsThePlanPerDeviceMasksSecretsAndChangesNothing() {
        SchsmRun r = InProcessSchsm.schsm("-r", set(initialized, fresh), "init", "--so-pin", SO, "--pin", PIN, "--dry-run");
        assertEquals(ExitCode.OK, r.exitCode(), r::toString);
        assertTrue(r.out().contains("would run: schsm -r sim:" + fresh + " init --so-pin ** --pin **")
                || r.out().contains("init --so-pin ** --pin **"), r::toString);
        assertTrue(r.out().contains("[sim:" + initialized + "] expect: refused by the brick guard"), r::toString);
        assertTrue(r.out().contains("init (dry run) on 2 devices: 2 planned"), r::toString);
        assertFalse(r.all().contains(PIN) || r.all().contains(SO), "no secret echoed: " + r);
        SchsmRun after = InProcessSchsm.schsm("-r", "sim:" + fresh, "pin", "status");
        assertTrue(after.out().toLowerCase().contains("not") , "the fresh device is still not initialized: " + after);
    }

    @Test
    void keyGenerateOverASetRunsTheExistingCommandOnEachDeviceUnderItsOwnPin() {
        SchsmRun r = InProcessSchsm.schsm("-r", set(initialized, fresh), "--parallel", "2", "key", "generate",
                "--type", "ec:secp256r1", "--label", "fleet", "--pin", PIN);
        assertTrue(r.out().contains("key generate on 2 devices: 1 done, 0 refused by the guard, 1 refused by the card, 0 lost"),
                r::toString);
        assertEquals(ExitCode.CARD_REFUSED, r.exitCode(), r::toString);
        assertFalse(r.all().contains(PIN), "no secret echoed: " + r);
        SchsmRun keys = InProcessSchsm.schsm("-r", "sim:" + initialized, "keys");
        assertTrue(keys.out().contains("fleet"), keys::toString);
    }

    @Test
    void dkekImportOverASetDryRunNamesTheShareMasksThePasswordAndKnowsTheUninitializedDevice() {
        SchsmRun r = InProcessSchsm.schsm("-r", set(initialized, fresh), "dkek", "import", "share.pbe",
                "--password", "fleet-share-pw", "--dry-run");
        assertEquals(ExitCode.OK, r.exitCode(), r::toString);
        assertTrue(r.out().contains("dkek import share.pbe --password **"), r::toString);
        assertTrue(r.out().contains("[sim:" + fresh + "] expect: refused by the card (not initialized"), r::toString);
        assertFalse(r.all().contains("fleet-share-pw"), "no secret echoed: " + r);
    }

    @Test
    void aSetWithACommandThatTalksToOneCardIsOneLineAndExitTwo() {
        SchsmRun r = InProcessSchsm.schsm("-r", set(initialized, fresh), "send", "00 A4 04 00");
        assertEquals(ExitCode.BAD_INPUT, r.exitCode(), r::toString);
        assertEquals(1, r.err().strip().lines().count(), r::toString);
        SchsmRun dry = InProcessSchsm.schsm("-r", set(initialized, fresh), "status", "--dry-run");
        assertEquals(ExitCode.BAD_INPUT, dry.exitCode(), dry::toString);
        SchsmRun none = InProcessSchsm.schsm("-r", "sim:" + initialized + ",no-such-reader*", "status");
        assertEquals(ExitCode.BAD_INPUT, none.exitCode(), none::toString);
        assertEquals(1, none.err().strip().lines().count(), none::toString);
        SchsmRun zero = InProcessSchsm.schsm("-r", set(initialized, fresh), "--parallel", "0", "status");
        assertEquals(ExitCode.BAD_INPUT, zero.exitCode(), zero::toString);
    }
}
