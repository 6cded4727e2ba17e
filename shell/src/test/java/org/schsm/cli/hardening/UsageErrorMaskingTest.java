package org.schsm.cli.hardening;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.schsm.testkit.HsmConstants;
import org.schsm.testkit.InProcessSchsm;
import org.schsm.testkit.SchsmRun;

/** Each kind of picocli usage error, with the values that must not be shown and the names that must. */
class UsageErrorMaskingTest {
    static final String PIN = HsmConstants.USER_PIN;
    static final String NEW = "271828";

    @TempDir
    Path dir;

    private SchsmRun run(String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of("-r", "sim", "--sim-state", dir.resolve("card.state").toString()));
        SchsmRun r = InProcessSchsm.capturingStrayOutput().run(all.toArray(String[]::new));
        assertEquals(2, r.exitCode(), r::toString);
        assertFalse(r.everything().contains(PIN) || r.everything().contains(NEW), () -> "a PIN was shown:\n" + r);
        return r;
    }

    @Test
    void aMistypedOptionNameIsShownButTheValueAfterItIsNot() {
        // the report of issue 17 was `--new-pin 271828` where the option was `--new`; since
        // issue 21 `--new-pin` is the option's name, so the mistyped name here is another one
        SchsmRun r = run("pin", "change", "--pin", PIN, "--newpin", NEW);
        assertTrue(r.err().startsWith("schsm: unknown option '--newpin'"), r::toString);
        assertTrue(r.err().contains("not shown"), r::toString);
    }

    @Test
    void anUnknownOptionWithItsValueAfterAnEqualsSignShowsOnlyTheName() {
        SchsmRun r = run("pin", "verify", "--pinn=" + PIN);
        assertTrue(r.err().contains("unknown option '--pinn=…'"), r::toString);
        assertTrue(r.err().contains("did you mean --pin?"), r::toString);
    }

    @Test
    void aRepeatedSecretOptionNamesTheOption() {
        SchsmRun r = run("pin", "change", "--old", PIN, "--old", NEW, "--new", NEW);
        assertTrue(r.err().contains("option '--old' was given more than once"), r::toString);
    }

    @Test
    void anExtraValueIsCountedNotShown() {
        SchsmRun r = run("pin", "verify", "--pin", PIN, NEW);
        assertTrue(r.err().contains("an unexpected value (not shown"), r::toString);
    }

    @Test
    void aValueOfTheWrongTypeIsNotShown() {
        String letters = "Tq7pL2v";
        SchsmRun r = run("init", "--so-pin", "3537363231383830", "--pin-retry", letters);
        assertTrue(r.err().contains("option '--pin-retry' wants a whole number"), r::toString);
        assertFalse(r.everything().contains(letters), r::toString);
    }

    @Test
    void aValueGivenToAFlagIsNotShown() {
        SchsmRun r = run("pin", "verify", "--force=" + PIN);
        assertTrue(r.err().contains("option '--force' takes no value"), r::toString);
    }

    @Test
    void aMissingValueNamesTheOption() {
        SchsmRun r = run("init", "--pin", PIN, "--so-pin");
        assertTrue(r.err().contains("option '--so-pin' needs a value"), r::toString);
    }

    @Test
    void aSecretInThePlaceOfACommandIsNotShown() {
        SchsmRun r = run("pin", PIN);
        assertTrue(r.err().contains("unknown command (not shown"), r::toString);
        assertTrue(r.err().contains("commands: status, verify, change, unblock"), r::toString);
        assertFalse(run("help", PIN).err().isEmpty());
    }

    @Test
    void aSecretGluedToAShortOptionIsNotShown() {
        SchsmRun r = run("pin", "verify", "-v" + PIN);
        assertTrue(r.errLines().get(0).startsWith("schsm: "), r::toString);
    }
}
