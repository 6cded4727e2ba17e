package org.schsm.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.schsm.session.ExitCode;
import org.schsm.testkit.HsmConstants;
import org.schsm.testkit.InProcessSchsm;
import org.schsm.testkit.SchsmRun;

/** {@code schsm test} over a reader set: every device, one report, a device that cannot be opened is lost, not fatal. */
class FleetTestRunTest {
    @TempDir
    Path dir;

    @Test
    void aSetRunsTheSuiteOnEveryDeviceWithAProgressLineEachAndOneReport() throws Exception {
        Path suite = dir.resolve("s.groovy");
        Files.writeString(suite, "suite('select') { testcase('aid') { send '" + HsmConstants.SELECT + "', "
                + "sw: 0x9000 }\n testcase('unknown') { send '00 A4 04 00 05 A0 00 00 00 01', sw: 0x6A82 } }");
        Path broken = dir.resolve("broken.state");
        Files.writeString(broken, "not a state file");
        String set = "sim:" + dir.resolve("a.state") + ",sim:" + dir.resolve("b.state") + ",sim:" + broken;
        Path xml = dir.resolve("report.xml");
        SchsmRun r = InProcessSchsm.schsm("test", "-r", set, "--parallel", "3", "--junit-xml", xml.toString(), suite.toString());
        assertEquals(ExitCode.NO_CARD, r.exitCode(), "one device could not be opened: " + r);
        List<String> progress = r.out().lines().filter(l -> l.startsWith("[sim:")).toList();
        assertEquals(3, progress.size(), r.toString());
        assertTrue(progress.stream().anyMatch(l -> l.startsWith("[sim:" + dir.resolve("a.state") + "] 2 passed, 0 failed, 0 skipped")),
                r.toString());
        assertTrue(progress.stream().anyMatch(l -> l.startsWith("[sim:" + broken + "] 0 passed, 0 failed, 2 skipped, card lost")),
                r.toString());
        assertEquals("4 passed, 0 failed, 2 skipped on 3 devices", r.lastLine());
        String report = Files.readString(xml);
        assertEquals(3, report.split("<testsuite ", -1).length - 1, report);
        assertTrue(report.contains("name=\"select @ sim:" + dir.resolve("b.state") + "\""), report);
        assertTrue(report.contains("not run: "), "the lost device's cases say why: " + report);
    }
}
