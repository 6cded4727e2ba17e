package org.schsm.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.schsm.session.ExitCode;
import org.schsm.testkit.HsmConstants;
import org.schsm.testkit.InProcessSchsm;
import org.schsm.testkit.SchsmRun;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine;

/** PIN options carry pkcs11-tool's / sc-hsm-tool's names everywhere; the older spellings still work, unlisted. */
class OptionNamesTest {
    private static final String SO = HsmConstants.DEFAULT_SO_PIN;
    private static final String NEW_SO = "0011223344556677";
    private static final String PIN = HsmConstants.USER_PIN;
    private static final Set<String> PIN_OPTIONS = Set.of("--pin", "--new-pin", "--so-pin", "--new-so-pin");

    @TempDir
    Path dir;
    InProcessSchsm cli;

    @BeforeEach
    void initialized() {
        cli = InProcessSchsm.onSimulator(dir.resolve("card.state"));
        ok("init", "--so-pin", SO, "--pin", PIN);
    }

    private SchsmRun ok(String... args) {
        SchsmRun r = cli.run(args);
        assertEquals(ExitCode.OK, r.exitCode(), r::toString);
        return r;
    }

    @Test
    void everyVisiblePinOptionUsesOpenScsNames() {
        List<String> seen = new ArrayList<>();
        walk(Main.fullTree(), seen);
        assertTrue(seen.containsAll(PIN_OPTIONS), seen::toString);
        for (String name : seen) {
            assertTrue(PIN_OPTIONS.contains(name), () -> name + " is a visible PIN option outside " + PIN_OPTIONS);
        }
        OptionSpec reader = Main.fullTree().getCommandSpec().findOption("--reader");
        assertEquals(List.of("-r", "--reader"), List.of(reader.names()));
    }

    private static void walk(CommandLine cl, List<String> seen) {
        for (OptionSpec o : cl.getCommandSpec().options()) {
            String label = o.paramLabel();
            if (!o.hidden() && (label.equals("PIN") || label.equals("HEX16"))) {
                seen.addAll(List.of(o.names()));
            }
        }
        cl.getSubcommands().values().forEach(sub -> walk(sub, seen));
    }

    @Test
    void changeTakesPinAndNewPin() {
        assertTrue(ok("pin", "change", "--pin", PIN, "--new-pin", "123456").out().contains("User PIN changed."));
        ok("pin", "verify", "--pin", "123456");
    }

    @Test
    void changeTakesSoPinAndNewSoPin() {
        assertTrue(ok("pin", "change", "--so-pin", SO, "--new-so-pin", NEW_SO).out().contains("SO-PIN changed."));
        assertTrue(ok("pin", "verify", "--so-pin", NEW_SO).out().contains("SO-PIN verified."));
    }

    @Test
    void olderSpellingsStillWorkButAreNotListed() {
        ok("pin", "change", "--old", PIN, "--new", "123456");
        ok("pin", "change", "--so", "--old", SO, "--new", NEW_SO);
        ok("pin", "verify", "--so", "--pin", NEW_SO);
        String help = InProcessSchsm.schsm("pin", "change", "--help").out();
        assertFalse(help.contains("--old") || help.contains("--new="), help);
        assertTrue(help.contains("--new-pin") && help.contains("--new-so-pin"), help);
    }

    @Test
    void mixingUserAndSoPinNamesIsAUsageErrorAndSendsNothing() {
        SchsmRun r = cli.run("-v", "pin", "change", "--pin", PIN, "--new-so-pin", NEW_SO);
        assertEquals(ExitCode.BAD_INPUT, r.exitCode(), r::toString);
        assertFalse(r.err().contains("trace"), r::toString);
        assertFalse(r.all().contains(PIN) || r.all().contains(NEW_SO), r::toString);
        SchsmRun both = cli.run("pin", "verify", "--pin", PIN, "--so-pin", SO);
        assertEquals(ExitCode.BAD_INPUT, both.exitCode(), both::toString);
    }
}
