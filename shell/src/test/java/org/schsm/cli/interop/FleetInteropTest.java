package org.schsm.cli.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonParser;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.schsm.session.ExitCode;
import org.schsm.testkit.InteropTest;
import org.schsm.testkit.ProcessResult;
import org.schsm.testkit.Requirement;

/**
 * Many readers at once on the 8-reader rack (scripts/vpcd-rack.sh, its own pcscd): serials,
 * reader sets for the read commands, provisioning in parallel, and the conformance runner over the
 * rack, each with one device never initialized and one device taken out (before or during the run).
 * schsm runs as its own process, pointed at the rack's pcscd with PCSCLITE_CSOCK_NAME.
 */
@InteropTest({Requirement.VPCD_DRIVER, Requirement.OPENSC_TOOL})
class FleetInteropTest {
    private static final String RACK = "schsm rack*";
    private static final List<Integer> ALL_BUT_6 = List.of(0, 1, 2, 3, 4, 5, 7);
    private static final Path SUITE = Path.of("..", "scripts", "conformance", "sc-hsm-pin-lifecycle.groovy");

    @TempDir
    Path dir;

    private static ProcessResult schsm(String... args) {
        return Tools.schsmProcess(Rack.environment(), args);
    }

    @Test
    void readersShowEachDevicesSerialAndSerialFindsTheDeviceWhereverItSits() throws Exception {
        try (Rack rack = Rack.serve(List.of())) {
            ProcessResult readers = schsm("readers");
            assertEquals(0, readers.exitCode(), readers::describe);
            for (int i = 0; i < Rack.SIZE; i++) {
                String name = Rack.reader(i);
                String serial = Rack.serial(i);
                assertTrue(readers.stdout().lines().anyMatch(l -> l.contains(name) && l.contains(serial)),
                        name + " shows " + serial + ":\n" + readers.describe());
            }
            ProcessResult status = schsm("-r", "serial:" + Rack.serial(5), "status");
            assertEquals(0, status.exitCode(), status::describe);
            assertTrue(status.stdout().contains("Reader               : " + Rack.reader(5)), status::describe);
        }
    }

    @Test
    void pinStatusOverTheRackIsOneRowPerDeviceWithTheRemovedAndTheUninitializedOne() throws Exception {
        try (Rack rack = Rack.serve(ALL_BUT_6)) {
            rack.remove(7);
            ProcessResult r = schsm("-r", RACK, "--parallel", "4", "pin", "status");
            assertEquals(ExitCode.NO_CARD, r.exitCode(), "the worst device decides: " + r.describe());
            List<String> rows = r.stdout().lines().filter(l -> l.startsWith("schsm rack")).toList();
            assertEquals(Rack.SIZE, rows.size(), r::describe);
            for (int i : List.of(0, 1, 2, 3, 4, 5)) {
                String row = row(rows, i);
                assertTrue(row.contains(Rack.serial(i)) && row.contains("3 tries") && row.endsWith(" ok"), row);
            }
            assertTrue(row(rows, 6).contains("not initialized"), row(rows, 6));
            assertTrue(row(rows, 7).contains("lost"), "the removed device is a row with its error: " + row(rows, 7));

            ProcessResult json = schsm("-r", RACK, "--parallel", "8", "status", "--json");
            JsonArray array = JsonParser.parseString(json.stdout()).getAsJsonArray();
            assertEquals(Rack.SIZE, array.size(), json::describe);
            long lost = IntStream.range(0, array.size()).filter(i -> array.get(i).getAsJsonObject().get("exitCode").getAsInt()
                    == ExitCode.NO_CARD).count();
            assertEquals(1, lost, json::describe);
        }
    }

    @Test
    void initOverTheRackInParallelDoesTheFreshDeviceGuardsTheOthersAndReportsTheLostOne() throws Exception {
        try (Rack rack = Rack.serve(ALL_BUT_6)) {
            rack.remove(7);
            // env:VAR is read once for all devices; the values never show in any output.
            ProcessResult run = Tools.schsmProcess(java.util.Map.of("PCSCLITE_CSOCK_NAME", Rack.SOCKET.toString(),
                    "RACK_SO", Tools.SO_PIN, "RACK_PIN", Tools.USER_PIN),
                    "-r", RACK, "--parallel", "8", "init", "--so-pin", "env:RACK_SO", "--pin", "env:RACK_PIN");
            assertTrue(run.stdout().contains("init on 8 devices: 1 done, 6 refused by the guard, 0 refused by the card, 1 lost"),
                    run::describe);
            assertEquals(ExitCode.NO_CARD, run.exitCode(), run::describe);
            assertTrue(run.stderr().lines().anyMatch(l -> l.startsWith("[" + Rack.reader(0) + "] ")), run::describe);
            assertTrue(!run.all().contains(Tools.SO_PIN) && !run.all().contains(Tools.USER_PIN), run::describe);
            ProcessResult after = schsm("-r", "serial:" + Rack.serial(6), "pin", "status");
            assertTrue(after.stdout().contains("3 tries"), "device 6 is initialized now: " + after.describe());
        }
    }

    @Test
    void conformanceOverTheRackWithADevicePulledMidwayGivesOneReportWithASuitePerDevice() throws Exception {
        Path xml = dir.resolve("rack.xml");
        try (Rack rack = Rack.serve(List.of(), 3, 40)) {
            ProcessResult r = Tools.schsmProcess(Rack.environment(), "test", "-r", RACK, "--parallel", "8",
                    "--filter", "PIN", "--junit-xml", xml.toString(), SUITE.toString());
            assertEquals(ExitCode.NO_CARD, r.exitCode(), "one device was lost: " + r.describe());
            List<String> progress = r.stdout().lines().filter(l -> l.startsWith("[schsm rack")).toList();
            assertEquals(Rack.SIZE, progress.size(), "a progress line per device: " + r.describe());
            assertTrue(progress.stream().filter(l -> l.contains("card lost")).count() == 1
                    && progress.stream().anyMatch(l -> l.startsWith("[" + Rack.reader(3) + "]") && l.contains("card lost")),
                    r::describe);
            Matcher summary = Pattern.compile("(?m)^(\\d+) passed, (\\d+) failed, (\\d+) skipped on 8 devices").matcher(r.stdout());
            assertTrue(summary.find(), r::describe);
            String report = Files.readString(xml);
            for (int i = 0; i < Rack.SIZE; i++) {
                assertTrue(report.contains("@ " + Rack.reader(i) + "\""), "a testsuite for " + Rack.reader(i));
            }
        }
    }

    private static String row(List<String> rows, int device) {
        return rows.stream().filter(l -> l.startsWith(Rack.reader(device) + " ")).findFirst()
                .orElseThrow(() -> new AssertionError("no row for " + Rack.reader(device) + ": " + rows));
    }
}
