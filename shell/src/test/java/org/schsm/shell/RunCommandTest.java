package org.schsm.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.schsm.session.CardOptions;
import org.schsm.testkit.InProcessSchsm;
import org.schsm.testkit.SchsmRun;

class RunCommandTest {
    @TempDir
    Path dir;

    private SchsmRun run(String source, String... args) throws Exception {
        Path script = dir.resolve("t.groovy");
        Files.writeString(script, source);
        return ShellFixture.run(dir, script, args);
    }

    @Test
    void integerResultIsTheExitCode() throws Exception {
        assertEquals(7, run("return 7").exitCode());
    }

    @Test
    void otherResultsExitZeroAndOutputGoesToOut() throws Exception {
        var r = run("println 'hello ' + args.join(','); 'not a number'", "a", "-v", "--x");
        assertEquals(0, r.exitCode());
        assertEquals("hello a,-v,--x\n", r.out());   // options after the script belong to the script
        assertEquals("", r.err());
    }

    @Test
    void cardRefusalExitsOneWithOneLine() throws Exception {
        var r = run("send('" + ShellFixture.SELECT + "'); send('00 20 00 81', expect: 0x9000)");
        assertEquals(1, r.exitCode());
        assertEquals("schsm: t.groovy: VERIFY (00 20 00 81) answered 6A88 (referenced data not found: device not"
                + " initialized or no such PIN); expected 9000 (success)\n", r.err());
    }

    @Test
    void badInputExitsTwo() throws Exception {
        var r = run("hex('0G')");
        assertEquals(2, r.exitCode());
        assertEquals("schsm: t.groovy: 'G' is not a hex digit (at position 1)\n", r.err());
    }

    @Test
    void transportErrorExitsThree() throws Exception {
        assertEquals(3, run("card.close(); send('00 A4 00 00')").exitCode());
    }

    @Test
    void anyOtherErrorExitsOneWithoutStackTrace() throws Exception {
        var r = run("assert 1 == 2");
        assertEquals(1, r.exitCode());
        assertFalse(r.err().contains("\tat "), r.err());
        assertTrue(r.err().startsWith("schsm: t.groovy: PowerAssertionError: assert 1 == 2"), r.err());
        assertEquals(1, run("throw new IllegalStateException('boom')").exitCode());
        assertEquals(1, run("this is not groovy {").exitCode());
    }

    @Test
    void missingScriptIsBadInput() {
        var r = ShellFixture.run(dir, dir.resolve("absent.groovy"));
        assertEquals(2, r.exitCode());
        assertTrue(r.err().contains("cannot read script"), r.err());
    }

    @Test
    void hsmIsTheSmartCardHsmApiOnTheCardAndFollowsSim() throws Exception {
        var r = run("println card.name(); println hsm.getClass().simpleName; println hsm.transport().is(card)\n"
                + "println hsm.status().lines()[0]; sim(); println hsm.transport().is(card); println hsm.status().initialized()");
        assertEquals(0, r.exitCode(), r.err());
        assertTrue(r.out().startsWith("sim (embedded simulated SmartCard-HSM"), r.out());
        assertTrue(r.out().contains("SmartCardHsm\ntrue\nCard: SmartCard-HSM version 3.6\ntrue\nfalse\n"), r.out());
    }

    @Test
    void brickGuardRefusalPrintsTheWholeReasonAndExitsFour() throws Exception {
        Files.writeString(dir.resolve("init.groovy"), "hsm.select(); hsm.initialize(InitializeOptions.builder("
                + "SoPin.fromHex('" + ShellFixture.SO_PIN + "'), Pin.user('" + ShellFixture.USER_PIN + "')).build())");
        assertEquals(0, ShellFixture.run(dir, dir.resolve("init.groovy")).exitCode());
        var r = ShellFixture.run(dir, dir.resolve("init.groovy"));
        assertEquals(4, r.exitCode());
        assertTrue(r.err().startsWith("schsm: init.groovy: Refused: INITIALIZE DEVICE would erase every key"), r.err());
        assertTrue(r.err().contains("hsm.withForce()"), r.err());
        assertFalse(r.err().contains("\tat "), r.err());
    }

    @Test
    void cardOptionsGoBeforeOrAfterRunAndWordsAfterTheScriptAreTheScripts() throws Exception {
        Path script = dir.resolve("words.groovy");
        Files.writeString(script, "println card.name().split(' ')[0] + ' ' + args.join('|')");
        String state = dir.resolve("sim.state").toString();
        var before = InProcessSchsm.schsm("-r", "sim", "--sim-state", state, "run", script.toString(), "a", "b");
        assertEquals(0, before.exitCode(), before.err());
        assertEquals("sim a|b\n", before.out());
        var after = InProcessSchsm.schsm("run", "-r", "sim", "--sim-state", state, script.toString(), "a", "-r", "x", "-v", "run");
        assertEquals(0, after.exitCode(), after.err());
        assertEquals("sim a|-r|x|-v|run\n", after.out());
        assertEquals("", after.err());   // -v after the script is the script's, not the trace switch
        var traced = InProcessSchsm.schsm("-v", "-r", "sim", "--sim-state", state, "run", script.toString());
        assertEquals("sim \n", traced.out());
        var send = InProcessSchsm.schsm("-v", "-r", "sim", "--sim-state", state, "run", dir.resolve("t.groovy").toString());
        assertEquals(2, send.exitCode(), send.err());   // t.groovy does not exist: bad input
        Files.writeString(dir.resolve("t.groovy"), "send('00 20 00 81')");
        send = InProcessSchsm.schsm("-v", "-r", "sim", "--sim-state", state, "run", dir.resolve("t.groovy").toString());
        assertTrue(send.err().contains("trace >> 00 20 00 81"), send.err());
    }

    @Test
    void missingScriptNameIsAUsageError() {
        var r = InProcessSchsm.schsm("-r", "sim", "run");
        assertEquals(2, r.exitCode());
        assertTrue(r.err().contains("missing parameter SCRIPT"), r.err());
    }

    @Test
    void hsmFactoryIsAppliedToTheCard() {
        var s = new ShellSession(CardOptions.of("sim", null, false), t -> "hsm on " + t.name(),
                new java.io.PrintWriter(new java.io.StringWriter()), new java.io.PrintWriter(new java.io.StringWriter()));
        s.use(org.schsm.simulator.SimulatorTransport.withFreshCard());
        assertEquals("hsm on schsm simulator", s.binding().getVariable("hsm"));
    }
}
