package org.schsm.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.schsm.simulator.SimulatorTransport;
import org.schsm.testkit.HsmConstants;
import org.schsm.testkit.InProcessSchsm;
import org.schsm.testkit.SchsmRun;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

class PinLifecycleSuiteTest {
    static final Path SUITE = Path.of("..", "scripts", "conformance", "sc-hsm-pin-lifecycle.groovy");

    @Test
    void pinLifecycleSuitePassesOnAFreshSimulatedCard(@TempDir Path dir) throws Exception {
        List<Suite> suites = SuiteLoader.load(SUITE);
        RunResult run;
        try (SimulatorTransport card = new SimulatorTransport(org.schsm.simulator.EmbeddedSimulatorReader.freshCard())) {
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

    /**
     * A simulated card whose device certificate names another CA stands in for another
     * implementation: the cases that hold only for schsm's simulator skip, saying so, and every
     * other case passes, since it checks only what the protocol fixes. No SO-PIN try is spent.
     */
    @Test
    void onAnotherImplementationOnlyTheSimulatorOnlyCasesSkipAndNoSoTryIsSpent() {
        List<Suite> suites = SuiteLoader.load(SUITE);
        RunResult run;
        int soTriesAfter;
        // EF 2F02 holds a certificate of another issuer: the simulator's own CA is not named in it.
        byte[] otherDevice = org.schsm.simulator.cvc.DeviceCertificates.generate(
                new org.schsm.simulator.cvc.HolderReference("DE", "OTHER0001", "00001")).efCDevAut();
        String foreign = org.schsm.apdu.Hex.encode(otherDevice).replace("5A5A53494D44494341", "44454F5448455243"
                + "41");
        try (SimulatorTransport card = new SimulatorTransport(org.schsm.simulator.SimulatedCard.create(
                org.schsm.apdu.Hex.decode(foreign)))) {
            run = new SuiteRunner(RunOptions.DEFAULT, RunListener.NONE).run(suites, card, "other");
            card.transmit(org.schsm.apdu.Hex.decode(HsmConstants.compact(HsmConstants.SELECT)));
            soTriesAfter = card.transmit(org.schsm.apdu.Hex.decode("00200088"))[1] & 0x0F;
        }
        List<String> skipped = run.cases().stream().filter(c -> c.status() == CaseResult.Status.SKIPPED)
                .map(CaseResult::name).toList();
        assertEquals(0, run.failed(), run.cases().stream().filter(CaseResult::failed)
                .map(c -> c.name() + ": " + c.message()).toList().toString());
        assertEquals(List.of("SELECT with a too short Le answers 6Cxx with the FCP length",
                "re-INITIALIZE with a wrong SO-PIN spends an SO try and erases nothing",
                "VERIFY SO-PIN wrong then right restores its tries",
                "RESET RETRY COUNTER with a wrong SO-PIN spends an SO try",
                "a status query answers within 50 ms"), skipped);
        assertTrue(run.cases().stream().filter(c -> c.status() == CaseResult.Status.SKIPPED)
                .allMatch(c -> c.message().startsWith("holds only for schsm's simulator (")
                        && c.reference().contains("simulator only")), run.cases().toString());
        assertEquals(15, soTriesAfter, "no SO-PIN try spent on a card that is not ours");
    }

    @Test
    void theCommandRunsTheSuiteAndWritesTheReport(@TempDir Path dir) throws Exception {
        Path xml = dir.resolve("junit.xml");
        SchsmRun r = InProcessSchsm.schsm("test", "-r", "sim:fresh", SUITE.toString(), "--junit-xml", xml.toString());
        assertEquals(0, r.exitCode(), r.toString());
        assertTrue(r.lastLine().matches("\\d+ passed, 0 failed, 0 skipped"), r.toString());
        int passed = Integer.parseInt(r.lastLine().split(" ")[0]);
        assertTrue(passed >= 40, r.toString());
        Document doc = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(xml.toFile());
        assertEquals(passed, doc.getElementsByTagName("testcase").getLength());
    }
}
