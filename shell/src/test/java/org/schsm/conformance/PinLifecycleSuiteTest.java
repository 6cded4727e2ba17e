package org.schsm.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.schsm.conformance.dsl.SuiteLoader;
import org.schsm.simulator.SimulatorTransport;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

class PinLifecycleSuiteTest {
    static final Path SUITE = Path.of("..", "scripts", "conformance", "sc-hsm-pin-lifecycle.groovy");

    @Test
    void pinLifecycleSuitePassesOnAFreshSimulatedCard(@TempDir Path dir) throws Exception {
        List<Suite> suites = SuiteLoader.load(SUITE);
        RunResult run;
        try (SimulatorTransport card = SimulatorTransport.withFreshCard()) {
            run = new SuiteRunner(RunOptions.DEFAULT, RunListener.NONE).run(suites, card, "sim:fresh");
        }
        String failures = run.cases().stream().filter(CaseResult::failed)
                .map(c -> c.suite() + " / " + c.name() + ": " + c.message()).reduce("", (a, b) -> a + "\n" + b);
        assertEquals(0, run.failed(), failures);
        assertEquals(0, run.skipped(), "on a fresh card even the never-initialized cases apply");
        assertTrue(run.passed() >= 40, "passed " + run.passed());
        assertTrue(run.cases().stream().allMatch(c -> !c.reference().isEmpty()), "every case has a reference");

        Path xml = dir.resolve("report.xml");
        JUnitXmlReport.write(xml, List.of(run), null);
        Document doc = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(xml.toFile());
        NodeList cases = doc.getElementsByTagName("testcase");
        assertEquals(run.cases().size(), cases.getLength());
        assertEquals(0, doc.getElementsByTagName("failure").getLength());
        Element first = (Element) cases.item(0);
        assertEquals("SmartCard-HSM never initialized", first.getAttribute("classname"));
    }

    @Test
    void theCommandRunsTheSuiteAndWritesTheReport(@TempDir Path dir) throws Exception {
        Path xml = dir.resolve("junit.xml");
        TestCli.Result r = TestCli.run("test", "-r", "sim:fresh", SUITE.toString(), "--junit-xml", xml.toString());
        assertEquals(0, r.exitCode(), r.toString());
        assertTrue(r.lastLine().matches("\\d+ passed, 0 failed, 0 skipped"), r.toString());
        int passed = Integer.parseInt(r.lastLine().split(" ")[0]);
        assertTrue(passed >= 40, r.toString());
        Document doc = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(xml.toFile());
        assertEquals(passed, doc.getElementsByTagName("testcase").getLength());
    }
}
