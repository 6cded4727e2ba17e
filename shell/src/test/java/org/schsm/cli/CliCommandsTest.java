package org.schsm.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.schsm.session.ExitCode;
import org.schsm.testkit.HsmConstants;
import org.schsm.testkit.InProcessSchsm;
import org.schsm.testkit.SchsmRun;

/** Every schsm command and exit code, end to end against the embedded simulated card. */
class CliCommandsTest {
    private static final String SO = HsmConstants.DEFAULT_SO_PIN;
    private static final String WRONG_SO = "0102030405060708";
    private static final String PIN = HsmConstants.USER_PIN;

    @TempDir
    Path dir;
    Path state;
    InProcessSchsm cli;

    @BeforeEach
    void setUp() {
        state = dir.resolve("card.state");
        cli = InProcessSchsm.onSimulator(state);
    }

    private SchsmRun ok(String... args) {
        SchsmRun r = cli.run(args);
        assertEquals(ExitCode.OK, r.exitCode(), r::toString);
        return r;
    }

    private void initialized(String... extra) {
        String[] base = {"init", "--so-pin", SO, "--pin", PIN};
        String[] all = new String[base.length + extra.length];
        System.arraycopy(base, 0, all, 0, base.length);
        System.arraycopy(extra, 0, all, base.length, extra.length);
        ok(all);
    }

    private JsonObject statusJson() {
        return JsonParser.parseString(ok("status", "--json").out()).getAsJsonObject();
    }

    private int tries(String pin) {
        return statusJson().getAsJsonObject(pin).get("triesLeft").getAsInt();
    }

    @Test
    void statusOfFreshCardSaysNeverInitializedAndDecodesAtr() {
        SchsmRun r = ok("status");
        assertTrue(r.out().contains("Initialized          : no"), r::toString);
        assertTrue(r.out().contains("TCK FA  correct"), r::toString);
        assertTrue(r.out().contains("Version              : 3.6"), r::toString);
    }

    @Test
    void statusJsonAfterInitCarriesEveryFieldSchHsmToolPrints() {
        initialized("--dkek-shares", "1");
        JsonObject s = statusJson();
        assertEquals("3.6", s.get("version").getAsString());
        assertEquals("0001", s.get("options").getAsString());
        assertEquals("User PIN reset with SO-PIN enabled", s.getAsJsonArray("optionNames").get(0).getAsString());
        assertTrue(s.get("initialized").getAsBoolean());
        assertFalse(s.get("transportPin").getAsBoolean());
        assertEquals(15, s.getAsJsonObject("soPin").get("triesLeft").getAsInt());
        assertEquals("63CF", s.getAsJsonObject("soPin").get("sw").getAsString());
        assertEquals(3, s.getAsJsonObject("userPin").get("triesLeft").getAsInt());
        assertEquals(1, s.getAsJsonObject("dkek").get("shares").getAsInt());
        assertEquals(1, s.getAsJsonObject("dkek").get("outstanding").getAsInt());
        assertTrue(s.get("simulated").getAsBoolean());
        assertEquals("3BFE1800008131FE458031815448534D31738021408107FA", s.get("atr").getAsString());
    }

    @Test
    void wrongPinExitsOneThenGuardStopsTheLastTryWithExitFour() {
        initialized();
        assertEquals(ExitCode.CARD_REFUSED, cli.run("pin", "verify", "--pin", "000000").exitCode());
        SchsmRun second = cli.run("pin", "verify", "--pin", "000000");
        assertEquals(ExitCode.CARD_REFUSED, second.exitCode());
        assertTrue(second.err().contains("63C1"), second::toString);
        SchsmRun guarded = cli.run("pin", "verify", "--pin", "000000");
        assertEquals(ExitCode.GUARD, guarded.exitCode(), guarded::toString);
        assertTrue(guarded.err().contains("--force"), guarded::toString);
        assertEquals(1, tries("userPin"), "the guard must not have spent the last try");
    }

    @Test
    void forcedLastTryBlocksAndEvenTheRightPinIsThenRefused() {
        initialized("--pin-retry", "1");
        assertEquals(ExitCode.CARD_REFUSED, cli.run("pin", "verify", "--force", "--pin", "000000").exitCode());
        JsonObject user = statusJson().getAsJsonObject("userPin");
        assertTrue(user.get("blocked").getAsBoolean());
        SchsmRun right = cli.run("pin", "verify", "--force", "--pin", PIN);
        assertEquals(ExitCode.CARD_REFUSED, right.exitCode(), right::toString);
        assertTrue(right.err().contains("6983"), right::toString);
    }

    @Test
    void rightPinVerifiesAndRestoresTheCounter() {
        initialized();
        cli.run("pin", "verify", "--pin", "000000");
        assertEquals(2, tries("userPin"));
        assertTrue(ok("pin", "verify", "--pin", PIN).out().contains("User PIN verified"));
        assertEquals(3, tries("userPin"));
    }

    @Test
    void reinitializationNeedsForceAndAWrongSoPinSpendsOneTryAndErasesNothing() {
        initialized();
        SchsmRun guarded = cli.run("init", "--so-pin", SO, "--pin", "111111");
        assertEquals(ExitCode.GUARD, guarded.exitCode(), guarded::toString);
        assertTrue(guarded.err().contains("erase"), guarded::toString);

        SchsmRun wrong = cli.run("init", "--force", "--so-pin", WRONG_SO, "--pin", "111111");
        assertEquals(ExitCode.CARD_REFUSED, wrong.exitCode(), wrong::toString);
        assertEquals(14, tries("soPin"));
        ok("pin", "verify", "--pin", PIN); // old user PIN still there: nothing erased

        ok("init", "--force", "--so-pin", SO, "--pin", "111111");
        ok("pin", "verify", "--pin", "111111");
    }

    @Test
    void unblockResetsCounterOrSetsNewPin() {
        initialized();
        cli.run("pin", "verify", "--pin", "000000");
        ok("pin", "unblock", "--so-pin", SO);
        assertEquals(3, tries("userPin"));
        ok("pin", "unblock", "--so-pin", SO, "--new-pin", "222222");
        ok("pin", "verify", "--pin", "222222");
    }

    @Test
    void unblockWithoutPinResetOptionIsRefusedAndSpendsNoSoTry() {
        initialized("--no-pin-reset");
        SchsmRun r = cli.run("pin", "unblock", "--so-pin", SO);
        assertEquals(ExitCode.CARD_REFUSED, r.exitCode(), r::toString);
        assertTrue(r.err().contains("6986"), r::toString);
        assertEquals(15, tries("soPin"));
    }

    @Test
    void changeUserPinAndSoPin() {
        initialized();
        ok("pin", "change", "--old", PIN, "--new", "123456");
        ok("pin", "verify", "--pin", "123456");
        ok("pin", "change", "--so", "--old", SO, "--new", WRONG_SO);
        ok("pin", "verify", "--so", "--pin", WRONG_SO);
        assertEquals(ExitCode.CARD_REFUSED, cli.run("pin", "verify", "--so", "--pin", SO).exitCode());
    }

    @Test
    void transportPinMustBeChangedBeforeUse() {
        initialized("--transport-pin");
        assertTrue(statusJson().get("transportPin").getAsBoolean());
        SchsmRun verify = cli.run("pin", "verify", "--pin", PIN);
        assertEquals(ExitCode.CARD_REFUSED, verify.exitCode(), verify::toString);
        assertTrue(verify.err().contains("6984"), verify::toString);
        ok("pin", "change", "--old", PIN, "--new", "654321");
        assertFalse(statusJson().get("transportPin").getAsBoolean());
        ok("pin", "verify", "--pin", "654321");
    }

    @Test
    void pinStatusSpendsNothing() {
        initialized();
        SchsmRun r = ok("pin", "status");
        assertTrue(r.out().contains("User PIN : 3 tries left"), r::toString);
        assertTrue(r.out().contains("SO-PIN   : 15 tries left"), r::toString);
        ok("pin", "status");
        assertEquals(3, tries("userPin"));
        assertEquals(15, tries("soPin"));
    }

    @Test
    void doctorReproducesTheNitrokeyForumCase() {
        initialized();
        cli.run("pin", "verify", "--pin", "000000");
        for (int i = 0; i < 8; i++) {
            assertEquals(ExitCode.CARD_REFUSED, cli.run("init", "--force", "--so-pin", WRONG_SO, "--pin", PIN).exitCode());
        }
        SchsmRun r = ok("doctor");
        assertTrue(r.out().contains("SO-PIN has 7 of 15 tries left"), r::toString);
        assertTrue(r.out().contains("User PIN has 2 tries left"), r::toString);
        assertTrue(r.out().contains("Do not keep guessing SO-PINs"), r::toString);
        assertTrue(r.out().contains("3537363231383830"), "names the documented default: " + r);
        JsonObject json = JsonParser.parseString(ok("doctor", "--json").out()).getAsJsonObject();
        assertEquals("SmartCard-HSM version 3.6", json.get("device").getAsString());
        assertTrue(json.getAsJsonArray("findings").size() >= 2);
    }

    @Test
    void doctorOnFreshCardPointsToInit() {
        SchsmRun r = ok("doctor");
        assertTrue(r.out().contains("schsm init"), r::toString);
    }

    @Test
    void eightCharacterSoPinIsRefusedWithItsHexFormAndNothingIsSent() {
        SchsmRun r = cli.run("init", "--so-pin", "57621880", "--pin", PIN);
        assertEquals(ExitCode.BAD_INPUT, r.exitCode(), r::toString);
        assertTrue(r.err().contains("3537363231383830"), r::toString);
        assertFalse(Files.exists(state), "no card may have been opened");
    }

    @Test
    void soPinAsciiOptionConverts() {
        ok("init", "--so-pin", "57621880", "--so-pin-ascii", "--pin", PIN);
        ok("pin", "verify", "--so", "--pin", SO);
    }

    @Test
    void pinFromFileWorksAndTrailingNewlineIsIgnored() throws Exception {
        Path pinFile = dir.resolve("pin.txt");
        Files.writeString(pinFile, PIN + "\n");
        initialized();
        ok("pin", "verify", "--pin", "file:" + pinFile);
    }

    @Test
    void missingPinWithoutConsoleIsUsageErrorTwo() {
        SchsmRun r = cli.run("pin", "verify");
        assertEquals(ExitCode.BAD_INPUT, r.exitCode(), r::toString);
        assertTrue(r.err().contains("no console"), r::toString);
    }

    @Test
    void unusableStateFileIsACardErrorThree() throws Exception {
        Path directory = Files.createDirectory(dir.resolve("not-a-file"));
        SchsmRun r = InProcessSchsm.onSimulator(directory).run("status");
        assertEquals(ExitCode.NO_CARD, r.exitCode(), r::toString);
        assertEquals(1, r.err().strip().lines().count(), "one line: " + r);
    }

    @Test
    void traceNeverShowsThePin() {
        SchsmRun r = cli.run("-v", "init", "--so-pin", SO, "--pin", PIN);
        assertEquals(ExitCode.OK, r.exitCode(), r::toString);
        SchsmRun v = cli.run("-v", "pin", "verify", "--pin", PIN);
        String all = r.all() + v.all();
        assertTrue(all.contains("trace >> 80 50 00 00"), all);
        assertTrue(all.contains("**"), all);
        for (String secret : new String[] {PIN, "363438323139", "36 34 38 32 31 39", SO, "35 37 36 32 31 38 38 30"}) {
            assertFalse(all.contains(secret), "leaked " + secret + ":\n" + all);
        }
    }

    @Test
    void readersListsTheEmbeddedSimulator() {
        SchsmRun r = InProcessSchsm.schsm("readers");
        assertEquals(ExitCode.OK, r.exitCode(), r::toString);
        assertTrue(r.out().contains("sim "), r::toString);
    }

    @Test
    void atrCommandDecodesAndRejectsTruncatedAtr() {
        SchsmRun r = InProcessSchsm.schsm("atr", "3B FE 18 00 00 81 31 FE 45 80 31 81 54 48 53 4D 31 73 80 21 40 81 07 FA");
        assertEquals(ExitCode.OK, r.exitCode(), r::toString);
        assertTrue(r.out().contains("Protocols: T=1"), r::toString);
        assertEquals(ExitCode.BAD_INPUT, InProcessSchsm.schsm("atr", "3BFE18").exitCode());
    }

    @Test
    void versionPrintsSchsmFirstAndHelpStillListsEverySubcommand() {
        for (String flag : new String[] {"--version", "-V"}) {
            SchsmRun r = InProcessSchsm.schsm(flag);
            assertEquals(ExitCode.OK, r.exitCode(), r::toString);
            assertTrue(r.out().startsWith("schsm "), r::toString);
            assertEquals(4, r.out().strip().lines().count(), r::toString);
        }
        SchsmRun help = InProcessSchsm.schsm("--help");
        assertEquals(ExitCode.OK, help.exitCode(), help::toString);
        for (String name : Main.SUBCOMMANDS.keySet()) {
            assertTrue(help.out().contains("  " + name + " ") || help.out().contains("  " + name + "\n"),
                    () -> name + " missing from --help:\n" + help.out());
        }
    }

    @Test
    void noOptionHasATypeWhoseConverterPicocliIsToldToSkip() {
        picocli.CommandLine root = new picocli.CommandLine(new Main());
        Main.SUBCOMMANDS.forEach(root::addSubcommand);
        java.util.List<String> excluded = java.util.List.of(Main.UNUSED_CONVERTERS.split(","));
        java.util.Deque<picocli.CommandLine> todo = new java.util.ArrayDeque<>(java.util.List.of(root));
        int checked = 0;
        while (!todo.isEmpty()) {
            picocli.CommandLine cl = todo.pop();
            todo.addAll(cl.getSubcommands().values());
            for (picocli.CommandLine.Model.ArgSpec arg : cl.getCommandSpec().args()) {
                for (Class<?> type : arg.auxiliaryTypes()) {
                    checked++;
                    String name = type.getName();
                    assertFalse(excluded.stream().anyMatch(name::matches),
                            () -> cl.getCommandSpec().qualifiedName() + " " + arg + " has type " + name
                                    + ", whose converter Main.UNUSED_CONVERTERS switches off");
                }
            }
        }
        assertTrue(checked > 50, "only " + checked + " option types seen");
    }
}
