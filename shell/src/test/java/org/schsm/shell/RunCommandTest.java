package org.schsm.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunCommandTest {
    @TempDir
    Path dir;

    private ShellFixture.Result run(String source, String... args) throws Exception {
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
    void scriptSeesCardAndNullHsmUntilTheApiIsWired() throws Exception {
        var r = run("println card.name(); println hsm == null");
        assertTrue(r.out().contains("sim (embedded simulated SmartCard-HSM"), r.out());
        assertTrue(r.out().contains("true"), r.out());
    }

    @Test
    void hsmFactoryIsAppliedToTheCard() {
        var s = new ShellSession(CardOptionsCopy.parse(), t -> "hsm on " + t.name(),
                new java.io.PrintWriter(new java.io.StringWriter()), new java.io.PrintWriter(new java.io.StringWriter()));
        s.use(org.schsm.simulator.SimulatorTransport.withFreshCard());
        assertEquals("hsm on schsm simulator", s.binding().getVariable("hsm"));
    }
}
