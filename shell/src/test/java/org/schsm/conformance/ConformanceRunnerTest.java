package org.schsm.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.schsm.simulator.SimulatorTransport;
import org.schsm.testkit.HsmConstants;

/** The DSL and every expectation kind, run against a fresh simulated card. */
class ConformanceRunnerTest {
    static final String SELECT = HsmConstants.SELECT;
    static final String INIT = "80 50 00 00 19 80 02 00 01 81 06 36 34 38 32 31 39 82 08 35 37 36 32 31 38 38 30 91 01 03";

    static RunResult run(String suiteText, RunOptions options) {
        List<Suite> suites = SuiteLoader.parse(suiteText, "inline.groovy");
        try (SimulatorTransport card = SimulatorTransport.withFreshCard()) {
            return new SuiteRunner(options, RunListener.NONE).run(suites, card, "sim:fresh");
        }
    }

    /** One case on an initialized card, nothing verified. */
    static CaseResult runCase(String body) {
        RunResult r = run("suite('s') {\n setup { send '" + SELECT + "'; send '" + INIT + "', sw: 0x9000; send '" + SELECT + "' }\n"
                + " testcase('c', ref: 'r') {\n" + body + "\n }\n}", RunOptions.DEFAULT);
        return r.cases().get(0);
    }

    @Test
    void dslDefinesSuitesCasesReferencesAndHooksWithoutSendingAnything() {
        List<Suite> suites = SuiteLoader.parse("""
                suite('one') {
                    setup { send '00 A4 04 00' }
                    teardown { send '00 A4 04 00' }
                    testcase('a', ref: 'ref §1') { send '00 20 00 81' }
                    testcase('b') { }
                }
                suite('two') { testcase('c') { } }
                """, "x.groovy");
        assertEquals(2, suites.size());
        Suite one = suites.get(0);
        assertEquals("one", one.name());
        assertEquals("x.groovy", one.source());
        assertEquals(1, one.setups().size());
        assertEquals(1, one.teardowns().size());
        assertEquals(List.of("a", "b"), one.cases().stream().map(TestCase::name).toList());
        assertEquals("ref §1", one.cases().get(0).reference());
        assertEquals("", one.cases().get(1).reference());
    }

    @Test
    void badSuitesAreDefinitionErrors() {
        assertThrows(SuiteDefinitionException.class, () -> SuiteLoader.parse("suite('x') {", "a.groovy"));
        assertThrows(SuiteDefinitionException.class, () -> SuiteLoader.parse("println 1", "a.groovy"));
        assertThrows(SuiteDefinitionException.class, () -> SuiteLoader.parse("suite('x') { }", "a.groovy"));
        assertThrows(SuiteDefinitionException.class,
                () -> SuiteLoader.parse("suite('x') { testcase('a', rev: 'typo') { } }", "a.groovy"));
        assertThrows(SuiteDefinitionException.class,
                () -> SuiteLoader.parse("suite('x') { testcase('a') { }; testcase('a') { } }", "a.groovy"));
    }

    @Test
    void exactStatusWordPassesAndFailsWithMeanings() {
        assertEquals(CaseResult.Status.PASSED, runCase("send '00 20 00 81', sw: 0x63C3").status());
        CaseResult failed = runCase("send '00 20 00 81', sw: 0x9000");
        assertEquals(CaseResult.Status.FAILED, failed.status());
        assertEquals("sent 00 20 00 81 — expected SW 9000 (success), got 63C3 (wrong PIN, 3 tries left)", failed.message());
    }

    @Test
    void statusWordPatternMatchesAnyDigitForX() {
        assertEquals(CaseResult.Status.PASSED, runCase("send '00 20 00 81', sw: '63CX'").status());
        CaseResult failed = runCase("send '00 20 00 81', sw: '69XX'");
        assertEquals(CaseResult.Status.FAILED, failed.status());
        assertTrue(failed.message().contains("69XX"), failed.message());
    }

    @Test
    void statusWordSetAcceptsAnyMember() {
        assertEquals(CaseResult.Status.PASSED, runCase("send '00 20 00 81', sw: [0x9000, '63C3']").status());
        CaseResult failed = runCase("send '00 20 00 81', sw: [0x9000, 0x6983]");
        assertEquals(CaseResult.Status.FAILED, failed.status());
        assertTrue(failed.message().contains("one of 9000 (success), 6983"), failed.message());
    }

    @Test
    void statusWordSetChangedBetweenSendsIsReadAgain() {
        // sw: lists are cached by value; a list the suite changes afterwards must not hit the old entry.
        CaseResult failed = runCase("def set = [0x6A88, '63CX']\n send '00 20 00 81', sw: set\n"
                + " set[1] = 0x9000\n send '00 20 00 81', sw: set");
        assertEquals(CaseResult.Status.FAILED, failed.status());
        assertEquals("sent 00 20 00 81 — expected SW one of 6A88 (referenced data not found: device not initialized or no such PIN),"
                + " 9000 (success),"
                + " got 63C3 (wrong PIN, 3 tries left)", failed.message());
        assertEquals(5, failed.exchanges().size()); // 3 in setup, then both sends of the case
    }

    @Test
    void dataRegexIsFoundInUpperCaseHex() {
        assertEquals(CaseResult.Status.PASSED, runCase("send '" + SELECT + "', sw: 0x9000, data: ~/^6217.*0306$/").status());
        CaseResult failed = runCase("send '" + SELECT + "', data: ~/^6F/");
        assertEquals(CaseResult.Status.FAILED, failed.status());
        assertTrue(failed.message().contains("expected data matching /^6F/, got 62 17"), failed.message());
    }

    @Test
    void exactDataComparesBytes() {
        assertEquals(CaseResult.Status.PASSED, runCase("send '00 20 00 81', data: ''").status());
        assertEquals(CaseResult.Status.FAILED, runCase("send '00 20 00 81', data: '00'").status());
    }

    @Test
    void tlvPathExpectationChecksTheValue() {
        assertEquals(CaseResult.Status.PASSED, runCase("send '" + SELECT + "', tlv: ['62/85': '0001FF0306', '62/84': ~/^E82B/]").status());
        CaseResult wrong = runCase("send '" + SELECT + "', tlv: ['62/85': '0003FF0306']");
        assertEquals(CaseResult.Status.FAILED, wrong.status());
        assertTrue(wrong.message().contains("62/85 = 00 01 FF 03 06"), wrong.message());
        CaseResult absent = runCase("send '" + SELECT + "', tlv: ['62/99': '00']");
        assertTrue(absent.message().contains("no data object 62/99"), absent.message());
        assertEquals(CaseResult.Status.PASSED, runCase("send '" + SELECT + "', tlv: ['62/99': false, '62/82': true]").status());
    }

    @Test
    void timeBudgetsPerSendAndPerCase() {
        assertEquals(CaseResult.Status.PASSED, runCase("send '00 20 00 81', within: 5.s").status());
        CaseResult slowSend = runCase("send '00 20 00 81', within: 1.us");
        assertEquals(CaseResult.Status.FAILED, slowSend.status());
        assertTrue(slowSend.message().contains("expected an answer within 0.001 ms"), slowSend.message());
        CaseResult slowCase = runCase("within 1.ms\n Thread.sleep(20)");
        assertEquals(CaseResult.Status.FAILED, slowCase.status());
        assertTrue(slowCase.message().contains("over its time budget of 1.000 ms"), slowCase.message());
        assertEquals(CaseResult.Status.PASSED, runCase("timeBudgetMillis 5000\n send '00 20 00 81'").status());
    }

    @Test
    void pinDataIsRedactedInFailures() {
        CaseResult failed = runCase("send '00 20 00 81 06 31 31 31 31 31 31', sw: 0x9000");
        assertEquals("sent 00 20 00 81 06 ** — expected SW 9000 (success), got 63C2 (wrong PIN, 2 tries left)", failed.message());
        assertFalse(failed.exchanges().stream().anyMatch(e -> e.shown().contains("31 31")));
    }

    @Test
    void hsmCardHexLastAndAssertAreAvailable() {
        CaseResult r = runCase("""
                assert hsm.pinStatus(PinReference.USER).triesLeft() == 3
                assert card.name() == 'schsm simulator'
                assert hex(hex('0A0B')) == '0A0B'
                send '00 20 00 81'
                assert last.sw() == 0x63C3
                description 'uses the API'
                note 'hello'
                """);
        assertEquals(CaseResult.Status.PASSED, r.status(), r.message());
        assertEquals("uses the API", r.description());
        assertEquals(List.of("hello"), r.notes());
        CaseResult assertion = runCase("assert 1 + 1 == 3");
        assertEquals(CaseResult.Status.FAILED, assertion.status());
        assertTrue(assertion.message().startsWith("assert 1 + 1 == 3"), assertion.message());
    }

    @Test
    void suiteMistakesInACaseAreErrorsNotFailures() {
        assertEquals(CaseResult.Status.ERROR, runCase("send 'zz'").status());
        assertEquals(CaseResult.Status.ERROR, runCase("send '00 20 00 81', sww: 0x9000").status());
        assertEquals(CaseResult.Status.ERROR, runCase("noSuchKeyword 1").status());
    }

    @Test
    void skipAndTeardownFailure() {
        assertEquals(CaseResult.Status.SKIPPED, runCase("skip 'not for this card'").status());
        RunResult r = run("suite('s') { teardown { send '00 20 00 81', sw: 0x9000 }\n testcase('c') { } }", RunOptions.DEFAULT);
        assertEquals(CaseResult.Status.FAILED, r.cases().get(0).status());
        assertTrue(r.cases().get(0).message().startsWith("in teardown: sent 00 20 00 81"), r.cases().get(0).message());
    }

    @Test
    void aCommandThePlatformCannotSendSkipsItsCaseAndTheRunGoesOn() {
        List<Suite> suites = SuiteLoader.parse("""
                suite('s') {
                    testcase('short') { send hex('00 20 00'), sw: 0x6700 }
                    testcase('after') { send '00 A4 04 00 0B E8 2B 06 01 04 01 81 C3 1F 02 01 00'; send '00 20 00 81', sw: 0x6A88 }
                }""", "inline.groovy");
        RunResult r;
        try (SimulatorTransport sim = SimulatorTransport.withFreshCard()) {
            // What the JDK provider's wire does with a 3-byte command: refuse it, sending nothing.
            org.schsm.transport.CardTransport card = new org.schsm.transport.CardTransport() {
                @Override
                public byte[] transmit(byte[] command) {
                    if (command.length < 4) {
                        throw new org.schsm.transport.UnsendableCommandException("refuses a command of 3 bytes");
                    }
                    return sim.transmit(command);
                }

                @Override
                public byte[] atr() {
                    return sim.atr();
                }

                @Override
                public String name() {
                    return "refusing";
                }

                @Override
                public void close() {
                }
            };
            r = new SuiteRunner(RunOptions.DEFAULT, RunListener.NONE).run(suites, card, "refusing");
        }
        assertEquals(CaseResult.Status.SKIPPED, r.cases().get(0).status());
        assertEquals("not sendable here: refuses a command of 3 bytes", r.cases().get(0).message());
        assertEquals(CaseResult.Status.PASSED, r.cases().get(1).status(), r.cases().get(1).message());
        assertFalse(r.cardLost());
    }

    @Test
    void setupRunsBeforeEveryCase() {
        RunResult r = run("""
                suite('s') {
                    setup { send '%s'; send '%s', sw: 0x9000; send '%s' }
                    testcase('spend one') { send '00 20 00 81 06 31 31 31 31 31 31', sw: 0x63C2 }
                    testcase('starts again with 3') { send '00 20 00 81', sw: 0x63C3 }
                }""".formatted(SELECT, INIT, SELECT), RunOptions.DEFAULT);
        assertEquals(2, r.passed(), r.cases().toString());
    }

    static final String THREE_CASES = """
            suite('s') {
                testcase('first') { send '00 A4 04 00 05 A0 00 00 00 01', sw: 0x9000 }
                testcase('second', ref: 'special §9') { }
                testcase('third') { }
            }""";

    @Test
    void filterSelectsByNameOrReference() {
        RunResult byName = run(THREE_CASES, new RunOptions("THIRD", false));
        assertEquals(List.of("third"), byName.cases().stream().map(CaseResult::name).toList());
        RunResult byRef = run(THREE_CASES, new RunOptions("special", false));
        assertEquals(List.of("second"), byRef.cases().stream().map(CaseResult::name).toList());
    }

    @Test
    void failFastSkipsTheRest() {
        RunResult all = run(THREE_CASES, RunOptions.DEFAULT);
        assertEquals(1, all.failed());
        assertEquals(2, all.passed());
        RunResult fast = run(THREE_CASES, new RunOptions("", true));
        assertEquals(1, fast.failed());
        assertEquals(2, fast.skipped());
        assertTrue(fast.cases().get(1).message().contains("--fail-fast"), fast.cases().get(1).message());
    }

    @Test
    void junitXmlCarriesApduExpectedAndActualWithMeaningsAndNoPin() throws Exception {
        RunResult r = run("""
                suite('PIN <&> suite') {
                    setup { send '%s'; send '%s', sw: 0x9000; send '%s' }
                    testcase('wrong pin "quoted"', ref: 'ref §3.2') {
                        description 'a PIN that is wrong'
                        send '00 20 00 81 06 39 38 37 36 35 34', sw: 0x9000
                    }
                    testcase('skipped') { skip 'why not' }
                    testcase('passes') { send '00 20 00 81', sw: 0x63C3 }
                }""".formatted(SELECT, INIT, SELECT), RunOptions.DEFAULT);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        JUnitXmlReport.write(out, List.of(r), null);
        String xml = out.toString(StandardCharsets.UTF_8);
        org.w3c.dom.Document doc = javax.xml.parsers.DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(new java.io.ByteArrayInputStream(out.toByteArray()));
        assertEquals(3, doc.getElementsByTagName("testcase").getLength());
        org.w3c.dom.Element tc = (org.w3c.dom.Element) doc.getElementsByTagName("testcase").item(0);
        assertEquals("PIN <&> suite", tc.getAttribute("classname"));
        assertEquals("wrong pin \"quoted\"", tc.getAttribute("name"));
        org.w3c.dom.Element failure = (org.w3c.dom.Element) tc.getElementsByTagName("failure").item(0);
        assertEquals("sent 00 20 00 81 06 ** — expected SW 9000 (success), got 63C2 (wrong PIN, 2 tries left)",
                failure.getAttribute("message"));
        assertTrue(failure.getTextContent().contains("reference: ref §3.2"));
        assertTrue(failure.getTextContent().contains("description: a PIN that is wrong"));
        assertEquals(1, doc.getElementsByTagName("skipped").getLength());
        org.w3c.dom.Element suite = (org.w3c.dom.Element) doc.getElementsByTagName("testsuite").item(0);
        assertEquals("1", suite.getAttribute("failures"));
        assertEquals("1", suite.getAttribute("skipped"));
        assertFalse(xml.contains("39 38 37"), "the PIN must not reach the report");
        assertFalse(xml.contains("363438323139"), "nor the PIN of the setup");
    }
}
