package org.schsm.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.schsm.apdu.Hex;
import org.schsm.simulator.SimulatedCard;
import org.schsm.testkit.InProcessSchsm;
import org.schsm.testkit.SchsmRun;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/** {@code schsm test} end to end: exit codes, the summary line, replay and differential mode. */
class TestCommandTest {
    @TempDir
    Path dir;

    private Path write(String name, String text) throws Exception {
        Path p = dir.resolve(name);
        Files.writeString(p, text);
        return p;
    }

    /** A simulated card saved in a state file, initialized with PIN 648219 (3 tries) and the default SO-PIN. */
    private Path initializedCard(String name) throws Exception {
        SimulatedCard card = SimulatedCard.create();
        card.transmit(Hex.decode(ConformanceRunnerTest.SELECT));
        byte[] r = card.transmit(Hex.decode(ConformanceRunnerTest.INIT));
        assertEquals("9000", Hex.encode(r));
        Path state = dir.resolve(name);
        card.save(state);
        return state;
    }

    @Test
    void passingSuiteExitsZeroWithTheSummaryLine() throws Exception {
        Path suite = write("ok.groovy", "suite('s') { testcase('a') { send '00 A4 04 00 05 A0 00 00 00 01', sw: 0x6A82 } }");
        SchsmRun r = InProcessSchsm.schsm("-r", "sim:fresh", "test", suite.toString());
        assertEquals(0, r.exitCode(), r.toString());
        assertEquals("1 passed, 0 failed, 0 skipped", r.lastLine());
    }

    @Test
    void failedCaseExitsOne() throws Exception {
        Path suite = write("bad.groovy", """
                suite('s') {
                    testcase('a') { send '00 A4 04 00 05 A0 00 00 00 01', sw: 0x9000 }
                    testcase('b') { skip 'n/a' }
                }""");
        SchsmRun r = InProcessSchsm.schsm("test", "-r", "sim:fresh", suite.toString());
        assertEquals(1, r.exitCode(), r.toString());
        assertEquals("0 passed, 1 failed, 1 skipped", r.lastLine());
        assertTrue(r.err().contains("FAIL  s / a: sent 00 A4 04 00 05 A0 00 00 00 01 — expected SW 9000 (success), got 6A82"), r.toString());
    }

    @Test
    void badSuiteOrUsageExitsTwo() throws Exception {
        assertEquals(2, InProcessSchsm.schsm("test", "-r", "sim:fresh", dir.resolve("missing.groovy").toString()).exitCode());
        Path broken = write("broken.groovy", "suite('s') { testcase('a') { ");
        SchsmRun r = InProcessSchsm.schsm("test", "-r", "sim:fresh", broken.toString());
        assertEquals(2, r.exitCode(), r.toString());
        assertTrue(r.err().contains("broken.groovy: does not compile"), r.toString());
        assertEquals(2, InProcessSchsm.schsm("test", "-r", "sim:fresh").exitCode(), "no suite at all");
        Path typo = write("typo.groovy", "suite('s') { testcase('a') { send '00 20 00 81', swx: 0x9000 } }");
        SchsmRun t = InProcessSchsm.schsm("test", "-r", "sim:fresh", typo.toString());
        assertEquals(2, t.exitCode(), t.toString());
        assertEquals("0 passed, 1 failed, 0 skipped", t.lastLine());
    }

    @Test
    void unusableCardExitsThree() throws Exception {
        Path garbage = write("garbage.state", "not a state file");
        Path suite = write("ok.groovy", "suite('s') { testcase('a') { } }");
        SchsmRun r = InProcessSchsm.schsm("test", "-r", "sim:" + garbage, suite.toString());
        assertEquals(3, r.exitCode(), r.toString());
    }

    @Test
    void inheritedSimStateIsUsedForSim() throws Exception {
        Path state = initializedCard("a.state");
        Path suite = write("s.groovy", "suite('s') { testcase('a') { send '" + ConformanceRunnerTest.SELECT
                + "'; send '00 20 00 81', sw: 0x63C3 } }");
        SchsmRun r = InProcessSchsm.schsm("--sim-state", state.toString(), "test", "-r", "sim", suite.toString());
        assertEquals(0, r.exitCode(), r.toString());
    }

    @Test
    void recordedTraceReplaysAndDetectsADifferentCard() throws Exception {
        Path recordedOn = initializedCard("recorded.state");
        Path replayOn = dir.resolve("replay.state");
        Files.copy(recordedOn, replayOn);
        Path fresh = dir.resolve("fresh.state");
        Files.copy(recordedOn, fresh);
        SchsmRun recorded = InProcessSchsm.schsm("-v", "-r", "sim", "--sim-state", recordedOn.toString(), "send",
                ConformanceRunnerTest.SELECT, "00 20 00 81", "00 20 00 81 06 31 31 31 31 31 31", "00 20 00 81");
        assertEquals(1, recorded.exitCode(), "the wrong PIN is refused: " + recorded.err());
        String trace = recorded.err();
        assertTrue(trace.contains("trace >> 00 20 00 81 06 **"), trace);
        Path traceFile = write("session.trace", "note: something else on stderr\n" + trace);

        SchsmRun ok = InProcessSchsm.schsm("--sim-state", replayOn.toString(), "test", "-r", "sim",
                "--replay", traceFile.toString(), "--pin", "111111");
        assertEquals(0, ok.exitCode(), ok.toString());
        assertEquals("1 passed, 0 failed, 0 skipped", ok.lastLine());

        // The replayed card has now spent a try too: the same trace no longer matches it.
        Path xml = dir.resolve("replay.xml");
        SchsmRun differs = InProcessSchsm.schsm("--sim-state", replayOn.toString(), "test", "-r", "sim",
                "--replay", traceFile.toString(), "--pin", "111111", "--junit-xml", xml.toString());
        assertEquals(1, differs.exitCode(), differs.toString());
        Document doc = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(xml.toFile());
        Element failure = (Element) doc.getElementsByTagName("failure").item(0);
        assertEquals("sent 00 20 00 81 — expected SW 63C3 (wrong PIN, 3 tries left), got 63C2 (wrong PIN, 2 tries left)",
                failure.getAttribute("message"));
        assertFalse(Files.readString(xml).contains("31 31 31"), "the substituted PIN is not in the report");

        // Without the PIN the redacted VERIFY is skipped with a note.
        Path xml2 = dir.resolve("nopin.xml");
        SchsmRun noPin = InProcessSchsm.schsm("--sim-state", fresh.toString(), "test", "-r", "sim",
                "--replay", traceFile.toString(), "--junit-xml", xml2.toString());
        assertEquals(1, noPin.exitCode(), "the status after the skipped VERIFY differs: " + noPin);
        assertTrue(Files.readString(xml2).contains("not replayed: its data is redacted"), Files.readString(xml2));
    }

    @Test
    void traceParserGroupsAutoExchangesIntoTheirCommand() {
        List<TraceReplay.Step> steps = TraceReplay.parse(List.of(
                "trace >> 80 58 00 00 00",
                "trace << 6104 (4 response bytes still available (GET RESPONSE)) [10 us]",
                "trace >> [auto] 00 C0 00 00 04",
                "trace << CC 01 CC 02 9000 (success) [12 us]",
                ">> 00 20 00 81 06 **",
                "<< 63C2 (wrong PIN, 2 tries left) [5 us]"));
        assertEquals(2, steps.size());
        assertEquals("CC01CC02", Hex.encode(steps.get(0).expected().data()));
        assertEquals(0x9000, steps.get(0).expected().sw());
        assertEquals(null, steps.get(1).command());
        assertEquals("0020008106", Hex.encode(steps.get(1).header()));
        assertFalse(TraceReplay.recordedRaw(steps));
    }

    static final String STATUS_SUITE = """
            suite('status') {
                setup { send '%s', sw: 0x9000 }
                testcase('user PIN status') { send '00 20 00 81', sw: [0x6A88, '63CX'] }
                testcase('SO-PIN status') { send '00 20 00 88', sw: [0x6A88, '63CX'] }
                testcase('unknown AID') { send '00 A4 04 00 05 A0 00 00 00 01', sw: 0x6A82 }
            }""".formatted(ConformanceRunnerTest.SELECT);

    @Test
    void differentialModeReportsWhereTwoCardsDiffer() throws Exception {
        Path initialized = initializedCard("b.state");
        Path suite = write("status.groovy", STATUS_SUITE);
        Path xml = dir.resolve("diff.xml");
        SchsmRun asserted = InProcessSchsm.schsm("test", "-r", "sim:fresh", "-r", "sim:" + initialized, suite.toString());
        assertEquals(1, asserted.exitCode(), asserted.toString());
        // The FCPs differ (options 0000 / 0001) but the suite asserts only SELECT's status word there:
        // by default the cards are compared on what the suite asserts, so the table shows the PIN statuses.
        assertTrue(asserted.out().contains("differential: 2 of 3 cases differ"), asserted.toString());
        assertFalse(asserted.out().contains("62 17"), asserted.toString());
        assertTrue(asserted.out().contains("63C3 (wrong PIN, 3 tries left)"), asserted.toString());

        SchsmRun r = InProcessSchsm.schsm("test", "-r", "sim:fresh", "-r", "sim:" + initialized, suite.toString(),
                "--sw-only", "--junit-xml", xml.toString());
        assertEquals(1, r.exitCode(), "cards that differ fail the run: " + r);
        assertTrue(r.out().contains("differential: 2 of 3 cases differ"), r.toString());
        assertTrue(r.out().contains("A = sim:fresh (baseline)"), r.toString());
        assertTrue(r.out().contains("status / user PIN status"), r.toString());
        assertTrue(r.out().contains("6A88 (referenced data not found"), r.toString());
        assertTrue(r.out().contains("63C3 (wrong PIN, 3 tries left)"), r.toString());
        assertEquals("6 passed, 0 failed, 0 skipped", r.lastLine());

        Document doc = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(xml.toFile());
        assertEquals(6, doc.getElementsByTagName("testcase").getLength());
        assertEquals(2, doc.getElementsByTagName("testsuite").getLength());
        String text = Files.readString(xml);
        assertTrue(text.contains("name=\"differs: user PIN status\""), text);
        assertTrue(text.contains("differential: step 2 00 20 00 81: A 6A88"), text);
    }

    @Test
    void differentialModeShowsEveryDifferingStepOfACaseAndAssertedDataObjects() throws Exception {
        Path initialized = initializedCard("b.state");
        Path suite = write("many.groovy", """
                suite('many') {
                    testcase('three differences') {
                        send '%s', sw: 0x9000, tlv: ['62/85': ~/FF0306$/]
                        send '00 20 00 81', sw: [0x6A88, '63CX']
                        send '00 A4 04 00 05 A0 00 00 00 01', sw: 0x6A82
                        send '00 20 00 88', sw: [0x6A88, '63CX']
                    }
                }""".formatted(ConformanceRunnerTest.SELECT));
        SchsmRun r = InProcessSchsm.schsm("test", "-r", "sim:fresh", "-r", "sim:" + initialized, suite.toString());
        assertEquals(1, r.exitCode(), r.toString());
        List<String> rows = r.out().lines().filter(l -> l.contains(" | ")).toList();
        // header, then steps 1 (62/85 differs: options 0000 / 0001), 2 and 4; step 3 is the same on both.
        assertEquals(4, rows.size(), r.toString());
        assertTrue(rows.get(1).contains("many / three differences") && rows.get(1).contains("62/85 = 00 00 FF 03 06")
                && rows.get(1).contains("62/85 = 00 01 FF 03 06"), r.toString());
        assertTrue(rows.get(2).matches("\\s*\\|\\s*2\\s*\\|.*"), "the case is named once: " + r);
        assertTrue(rows.get(3).contains(" 4 ") && rows.get(3).contains("00 20 00 88"), r.toString());
        assertTrue(r.out().lines().noneMatch(l -> l.contains(" 3 ") && l.contains("A0 00 00 00 01")), r.toString());
    }

    @Test
    void differentialModeWithEqualCardsPasses() throws Exception {
        Path suite = write("status.groovy", STATUS_SUITE);
        SchsmRun r = InProcessSchsm.schsm("-r", "sim:fresh", "test", "-r", "sim:fresh", suite.toString());
        assertEquals(0, r.exitCode(), r.toString());
        assertTrue(r.out().contains("differential: 0 of 3 cases differ"), r.toString());
        assertEquals("6 passed, 0 failed, 0 skipped", r.lastLine());
    }
}
