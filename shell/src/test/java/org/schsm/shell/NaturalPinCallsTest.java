package org.schsm.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.schsm.testkit.InProcessSchsm;

/** hsm.verify('648219') and its SO-PIN, change and unblock companions, in the shell and in scripts. */
class NaturalPinCallsTest {
    static final String NEW_PIN = "271828";
    static final String NEW_SO = "0011223344556677";

    @TempDir
    Path dir;

    @Test
    void theShellTakesPinsAsTextAndKeepsThemOutOfHistory() throws Exception {
        String input = String.join("\n",
                "send(\"" + ShellFixture.SELECT + "\")",
                "send(\"" + ShellFixture.initializeApdu() + "\", expect: 0x9000)",
                "hsm.select()",
                "hsm.verify('" + ShellFixture.USER_PIN + "')",
                "hsm.verify('" + ShellFixture.USER_PIN + "'.toCharArray())",
                "hsm.verifySo('" + ShellFixture.SO_PIN + "')",
                "hsm.changePin('" + ShellFixture.USER_PIN + "', '" + NEW_PIN + "')",
                "hsm.verify(\"" + NEW_PIN + "\")",
                "hsm.changeSoPin('" + ShellFixture.SO_PIN + "', '" + NEW_SO + "')",
                "hsm.unblock('" + NEW_SO + "', '" + ShellFixture.USER_PIN + "')",
                "hsm.unblock('" + NEW_SO + "')",
                "hsm.verify('" + NEW_PIN + "')",
                ":trace",
                ":quit", "");
        var r = ShellFixture.repl(dir, input);
        // exactly one error: the last verify, with the old PIN, which unblock replaced
        assertEquals(1, r.out().lines().filter(l -> l.contains("error:")).count(), r.out());
        assertTrue(r.out().contains("error: VERIFY user PIN refused by the card: 63C2"), r.out());
        String everything = r.out() + r.err() + Files.readString(dir.resolve("history"));
        for (String secret : new String[] {ShellFixture.USER_PIN, NEW_PIN, ShellFixture.SO_PIN, NEW_SO}) {
            assertFalse(everything.contains(secret), secret + " was shown or kept:\n" + everything);
        }
        String history = Files.readString(dir.resolve("history"));
        assertTrue(history.contains("hsm.verifySo('****')") && history.contains("hsm.changeSoPin('****', '****')")
                && history.contains("hsm.unblock('****', '****')"), history);
        assertEquals(0x9000, ShellFixture.askSavedCard(dir, "00 20 00 81 06 " + ShellFixture.USER_PIN_HEX).sw());
    }

    @Test
    void scriptsTakeTheSameCalls() throws Exception {
        var init = InProcessSchsm.schsm("-r", "sim", "--sim-state", dir.resolve("sim.state").toString(), "init",
                "--so-pin", ShellFixture.SO_PIN, "--pin", ShellFixture.USER_PIN);
        assertEquals(0, init.exitCode(), init.err());
        Path script = Files.writeString(dir.resolve("natural.groovy"), String.join("\n",
                "hsm.select()",
                "hsm.verify(args[0])",
                "hsm.verifySo(args[1].toCharArray())",
                "hsm.changePin(args[0], args[2])",
                "println 'done'"));
        var r = ShellFixture.run(dir, script, ShellFixture.USER_PIN, ShellFixture.SO_PIN, NEW_PIN);
        assertEquals(0, r.exitCode(), r.err());
        assertEquals("done", r.out().strip());
        assertEquals(0x9000, ShellFixture.askSavedCard(dir, "00 20 00 81 06 323731383238").sw());
    }
}
