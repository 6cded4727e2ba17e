package org.schsm.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.schsm.Remedy;
import org.schsm.session.CliRemedies;
import org.schsm.session.ExitCode;
import org.schsm.testkit.InProcessSchsm;
import org.schsm.testkit.SchsmRun;

/**
 * Each {@link Remedy} the toolkit can give is said by the command line as a {@code schsm}
 * command and by the shell as the call on {@code hsm}; and the front ends do say them so.
 */
class RemediesTest {
    /** Every remedy in every form, with the CLI's and the shell's words for it. */
    private static final Map<Remedy, List<String>> SAID = new LinkedHashMap<>();

    static {
        SAID.put(new Remedy.Initialize(false), List.of("schsm init",
                "hsm.initialize(InitializeOptions.builder(soPin, pin).build())"));
        SAID.put(new Remedy.Initialize(true), List.of("schsm init --force",
                "hsm.withForce().initialize(InitializeOptions.builder(soPin, pin).build())"));
        SAID.put(new Remedy.ShowStatus(), List.of("schsm status", "hsm.status()"));
        SAID.put(new Remedy.ShowPinStatus(), List.of("schsm pin status", "hsm.pinStatus(PinReference.USER)"));
        SAID.put(new Remedy.VerifyPin(false), List.of("schsm pin verify", "hsm.verify(pin)"));
        SAID.put(new Remedy.VerifyPin(true), List.of("schsm pin verify --force", "hsm.withForce().verify(pin)"));
        SAID.put(new Remedy.ChangePin(), List.of("schsm pin change", "hsm.changePin(oldPin, newPin)"));
        SAID.put(new Remedy.UnblockPin(false), List.of("schsm pin unblock", "hsm.unblock(soPin)"));
        SAID.put(new Remedy.UnblockPin(true), List.of("schsm pin unblock --new-pin", "hsm.unblock(soPin, newPin)"));
        SAID.put(new Remedy.Diagnose(), List.of("schsm doctor", "Doctor.diagnose(hsm)"));
        SAID.put(new Remedy.Force(), List.of("--force", "hsm.withForce()"));
        SAID.put(new Remedy.ListKeys(), List.of("schsm keys", "hsm.keys()"));
        SAID.put(new Remedy.ListFiles(), List.of("schsm inspect", "hsm.enumerateObjects()"));
        SAID.put(new Remedy.WrapKey(), List.of("schsm key wrap", "hsm.wrapKey(keyId)"));
    }

    @TempDir
    Path dir;

    @Test
    void eachRemedyIsACommandOnTheCommandLineAndACallInTheShell() {
        SAID.forEach((remedy, words) -> {
            assertEquals(words.get(0), CliRemedies.command(remedy), remedy.toString());
            assertEquals(words.get(1), ShellRemedies.call(remedy), remedy.toString());
            assertFalse(remedy.plain().contains("schsm"), remedy.plain());
        });
    }

    @Test
    void aScriptsUserIsToldTheCommandAndBothWaysToForce() {
        assertEquals("--force (in scripts: hsm.withForce())", ShellRemedies.forScriptUsers(new Remedy.Force()));
        assertEquals("schsm pin unblock --new-pin", ShellRemedies.forScriptUsers(new Remedy.UnblockPin(true)));
    }

    @Test
    void everyKindOfRemedyHasItsWordsHere() {
        Set<String> kinds = Arrays.stream(Remedy.class.getPermittedSubclasses()).map(Class::getSimpleName)
                .collect(Collectors.toSet());
        Set<String> covered = SAID.keySet().stream().map(r -> r.getClass().getSimpleName()).collect(Collectors.toSet());
        assertEquals(kinds, covered, "a new Remedy needs its CLI and shell words, and a row here");
    }

    @Test
    void theCommandLineNamesTheSchsmCommandAndTheShellTheCall() throws Exception {
        Path state = dir.resolve("card.state");
        SchsmRun cli = InProcessSchsm.onSimulator(state).run("pin", "verify", "--pin", "648219");
        assertEquals(ExitCode.CARD_REFUSED, cli.exitCode(), cli.toString());
        assertTrue(cli.err().contains("The device has never been initialized: run `schsm init`."), cli.err());

        SchsmRun doctor = InProcessSchsm.onSimulator(state).run("doctor");
        assertTrue(doctor.out().contains("  Run:\n    schsm init\n"), doctor.out());

        SchsmRun shell = ShellFixture.repl(dir, "hsm.verify(Pin.user('648219'))\nDoctor.diagnose(hsm)\n:quit\n");
        assertTrue(shell.out().contains("The device has never been initialized: run `hsm.initialize(InitializeOptions"),
                shell.out());
        assertTrue(shell.out().contains("  Run:\n    hsm.initialize(InitializeOptions.builder(soPin, pin).build())\n"),
                shell.out());
        assertFalse(shell.out().contains("schsm init"), shell.out());
    }
}
