package org.schsm.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.schsm.session.ExitCode;
import org.schsm.testkit.InProcessSchsm;
import org.schsm.testkit.SchsmRun;

/**
 * {@code schsm secret ...} and {@code secret:NAME} on the embedded simulator: values go in and
 * never come out, a refused secret is not presented again without --force, a failed update keeps
 * the previous value.
 */
class SecretStoreCommandTest {
    static final String PIN = "Tq7#pL2v";
    static final String PIN_2 = "Zx9!mK4w";
    static final String SO = "6B39517A34577832";
    static final List<String> VALUES = List.of(PIN, PIN_2, SO);

    @TempDir
    Path dir;
    InProcessSchsm cli;
    Path store;

    @BeforeEach
    void storeInTheTempDirectory() throws Exception {
        store = dir.resolve("data/secrets.json");
        System.setProperty("schsm.secretStore", store.toString());
        System.setProperty("schsm.secretKeyFile", dir.resolve("config/secrets.key").toString());
        cli = InProcessSchsm.onSimulator(dir.resolve("card.state"));
        add("lab", "user-pin", PIN);
        add("lab-so", "so-pin", SO);
    }

    @AfterEach
    void restore() {
        System.clearProperty("schsm.secretStore");
        System.clearProperty("schsm.secretKeyFile");
        SecretStoreCommand.prompt = SecretStoreCommand::consolePromptForTests;
    }

    private Path file(String name, String content) throws Exception {
        return Files.writeString(dir.resolve(name), content + "\n");
    }

    private void add(String name, String kind, String value) throws Exception {
        SchsmRun r = InProcessSchsm.schsm("secret", "add", name, "--kind", kind, "--value", "file:" + file(name + ".value", value));
        assertEquals(0, r.exitCode(), r::toString);
        assertNoValue(r);
    }

    private static void assertNoValue(SchsmRun r) {
        for (String v : VALUES) {
            assertFalse(r.all().contains(v), () -> "a value was printed:\n" + r);
        }
    }

    private SchsmRun run(String... args) {
        SchsmRun r = cli.run(args);
        assertNoValue(r);
        return r;
    }

    private int userTriesLeft() {
        SchsmRun r = run("pin", "status");
        String line = r.out().lines().filter(l -> l.startsWith("User PIN")).findFirst().orElseThrow();
        return Integer.parseInt(line.replaceAll(".*\\[63C(.) .*", "$1"), 16);
    }

    @Test
    void listShowsNamesAndKindsButNeverValues() throws Exception {
        SchsmRun r = InProcessSchsm.schsm("secret", "list");
        assertEquals(0, r.exitCode(), r::toString);
        assertTrue(r.out().contains("lab ") && r.out().contains("user-pin") && r.out().contains("so-pin"), r::toString);
        assertNoValue(r);
        String file = Files.readString(store);
        for (String v : VALUES) {
            assertFalse(file.contains(v), file);
        }
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(store)));
        SchsmRun again = InProcessSchsm.schsm("secret", "add", "lab", "--value", "file:" + file("x", PIN_2));
        assertEquals(ExitCode.BAD_INPUT, again.exitCode(), again::toString);
        assertTrue(again.err().contains("exists already"), again::toString);
    }

    @Test
    void storedSecretsWorkEverywhereAPinIsAccepted() throws Exception {
        assertEquals(0, run("init", "--so-pin", "secret:lab-so", "--pin", "secret:lab").exitCode());
        assertEquals(0, run("pin", "verify", "--pin", "secret:lab").exitCode());
        assertEquals(0, run("pin", "verify", "--so", "--pin", "secret:lab-so").exitCode());
        // a script, through pinFrom
        Path script = file("s.groovy", "hsm.select(); hsm.verify(pinFrom(args[0], 'user PIN')); println 'verified'");
        SchsmRun scripted = run("run", script.toString(), "secret:lab");
        assertEquals(0, scripted.exitCode(), scripted::toString);
        // a conformance suite, through the case context's pinFrom
        Path suite = file("suite.groovy", "suite('stored') { testcase('verify') { hsm.select();"
                + " hsm.verify(pinFrom('secret:lab', 'user PIN')) } }");
        SchsmRun tested = run("test", suite.toString());
        assertEquals(0, tested.exitCode(), tested::toString);
        assertTrue(tested.out().contains("1 passed, 0 failed"), tested::toString);
    }

    @Test
    void aStoredSoPinIsNeverSentAsTheUserPin() {
        assertEquals(0, run("init", "--so-pin", "secret:lab-so", "--pin", "secret:lab").exitCode());
        SchsmRun r = run("pin", "verify", "--pin", "secret:lab-so");
        assertEquals(ExitCode.BAD_INPUT, r.exitCode(), r::toString);
        assertTrue(r.err().contains("secret 'lab-so' is a SO-PIN, not a user PIN"), r::toString);
        assertEquals(3, userTriesLeft());
    }

    @Test
    void aRefusedSecretIsNotPresentedAgainWithoutForce() throws Exception {
        assertEquals(0, run("init", "--so-pin", "secret:lab-so", "--pin", "secret:lab", "--pin-retry", "5").exitCode());
        // someone changes the PIN on the card; the nightly job still has the old one
        assertEquals(0, run("pin", "change", "--old", PIN, "--new", PIN_2).exitCode());
        SchsmRun first = run("pin", "verify", "--pin", "secret:lab");
        assertEquals(ExitCode.CARD_REFUSED, first.exitCode(), first::toString);
        assertEquals(4, userTriesLeft());
        assertTrue(InProcessSchsm.schsm("secret", "list").out().matches("(?s).*lab +user-pin .* 20\\d\\d-.*63C4.*"),
                InProcessSchsm.schsm("secret", "list")::toString);

        SchsmRun second = run("pin", "verify", "--pin", "secret:lab");
        assertEquals(ExitCode.GUARD, second.exitCode(), second::toString);
        assertTrue(second.err().contains("the card refused secret 'lab'"), second::toString);
        assertTrue(second.err().contains("schsm secret update lab"), second::toString);
        assertEquals(4, userTriesLeft(), "no try spent");

        SchsmRun forced = run("pin", "verify", "--pin", "secret:lab", "--force");
        assertEquals(ExitCode.CARD_REFUSED, forced.exitCode(), forced::toString);
        assertEquals(3, userTriesLeft());

        SchsmRun updated = InProcessSchsm.schsm("secret", "update", "lab", "--value", "file:" + file("new", PIN_2));
        assertEquals(0, updated.exitCode(), updated::toString);
        assertEquals(0, run("pin", "verify", "--pin", "secret:lab").exitCode());
        assertTrue(InProcessSchsm.schsm("secret", "list").out().lines().anyMatch(l -> l.startsWith("lab ") && l.endsWith(" -")));
    }

    @Test
    void anUpdateThatFailsKeepsThePreviousValueAndSaysSo() throws Exception {
        assertEquals(0, run("init", "--so-pin", "secret:lab-so", "--pin", "secret:lab").exitCode());
        SchsmRun tooShort = InProcessSchsm.schsm("secret", "update", "lab", "--value", "file:" + file("short", "12345"));
        assertEquals(ExitCode.BAD_INPUT, tooShort.exitCode(), tooShort::toString);
        assertTrue(tooShort.err().contains("secret 'lab' not updated, the previous value is kept"), tooShort::toString);
        SchsmRun literal = InProcessSchsm.schsm("secret", "update", "lab", "--value", PIN_2);
        assertEquals(ExitCode.BAD_INPUT, literal.exitCode(), literal::toString);
        assertTrue(literal.err().contains("never the value itself"), literal::toString);
        assertNoValue(literal);
        SchsmRun missing = InProcessSchsm.schsm("secret", "update", "lab", "--value", "env:SCHSM_TEST_SURELY_UNSET");
        assertTrue(missing.err().contains("the previous value is kept"), missing::toString);
        assertEquals(0, run("pin", "verify", "--pin", "secret:lab").exitCode());
    }

    @Test
    void valuesAreTypedTwiceAtThePrompt() {
        Deque<String> typed = new ArrayDeque<>(List.of(PIN_2, PIN, PIN_2, PIN_2));
        SecretStoreCommand.prompt = text -> typed.removeFirst().toCharArray();
        SchsmRun differ = InProcessSchsm.schsm("secret", "add", "typed");
        assertEquals(ExitCode.BAD_INPUT, differ.exitCode(), differ::toString);
        assertTrue(differ.err().contains("the two entries differ"), differ::toString);
        SchsmRun same = InProcessSchsm.schsm("secret", "add", "typed");
        assertEquals(0, same.exitCode(), same::toString);
        assertNoValue(same);
        assertEquals(0, InProcessSchsm.schsm("secret", "remove", "typed").exitCode());
        assertFalse(InProcessSchsm.schsm("secret", "list").out().contains("typed"));
    }

    @Test
    void aStoreOthersCanReadIsRefused() throws Exception {
        Files.setPosixFilePermissions(store, PosixFilePermissions.fromString("rw-r--r--"));
        SchsmRun r = run("pin", "verify", "--pin", "secret:lab");
        assertEquals(ExitCode.BAD_INPUT, r.exitCode(), r::toString);
        assertTrue(r.err().contains("chmod 600 " + store), r::toString);
        assertFalse(Files.exists(dir.resolve("card.state")), "nothing was sent to the card");
    }
}
