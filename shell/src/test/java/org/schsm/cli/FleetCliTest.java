package org.schsm.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.schsm.session.DryRunOption;
import org.schsm.session.ExitCode;
import org.schsm.session.FleetOptions;
import org.schsm.testkit.HsmConstants;
import org.schsm.testkit.InProcessSchsm;
import org.schsm.testkit.SchsmRun;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;

/**
 * Commands over a set of devices, on simulated cards kept in state files ({@code -r sim:a,sim:b}):
 * one initialized, one never initialized, one whose state file is broken (a device that fails).
 * {@code --parallel} and {@code --dry-run} are shown by exactly the commands that honour them, are
 * accepted before or after those commands' names, and are refused in one line (nothing sent)
 * before any other command, so a help page never shows an option its command would ignore.
 */
class FleetCliTest {
    private static final String SO = HsmConstants.DEFAULT_SO_PIN;
    private static final String PIN = HsmConstants.USER_PIN;
    /** The commands that run over a reader set, and of those the ones that change devices (docs/fleet.md). */
    private static final Set<String> FLEET = Set.of("status", "inspect", "doctor", "pin status", "keys", "init",
            "key generate", "dkek import", "test");
    private static final Set<String> PROVISIONING = Set.of("init", "key generate", "dkek import");
    /** An option's names at the start of a usage-help line: "  -r, --reader=READER   Reader: ...". */
    private static final Pattern OPTION_LINE = Pattern.compile("^ {2}(?:-\\w, )?\\s*(--[a-z-]+|-\\w)\\b.*");

    @TempDir
    Path dir;
    private Path initialized;
    private Path fresh;
    private Path broken;

    @BeforeEach
    void devices() throws Exception {
        initialized = dir.resolve("a.state");
        fresh = dir.resolve("b.state");
        broken = dir.resolve("c.state");
        SchsmRun init = InProcessSchsm.schsm("-r", "sim:" + initialized, "init", "--so-pin", SO, "--pin", PIN);
        assertEquals(ExitCode.OK, init.exitCode(), init::toString);
        SchsmRun touch = InProcessSchsm.schsm("-r", "sim:" + fresh, "status");
        assertEquals(ExitCode.OK, touch.exitCode(), touch::toString);
        Files.writeString(broken, "not a state file");
    }

    private String set(Path... files) {
        return String.join(",", java.util.Arrays.stream(files).map(f -> "sim:" + f).toList());
    }

    @Test
    void pinStatusOverASetIsOneTableWithARowPerDeviceAndTheWorstExitCode() {
        SchsmRun r = InProcessSchsm.schsm("-r", set(initialized, fresh, broken), "pin", "status");
        assertEquals(ExitCode.NO_CARD, r.exitCode(), r::toString);
        List<String> lines = r.out().lines().toList();
        assertTrue(lines.get(0).matches("READER +SERIAL +PIN +VERDICT"), r::toString);
        assertEquals(5, lines.size(), r::toString);
        assertTrue(lines.get(1).contains("a.state") && lines.get(1).contains("3 tries") && lines.get(1).endsWith("ok"), r::toString);
        assertTrue(lines.get(2).contains("b.state") && lines.get(2).contains("not initialized"), r::toString);
        assertTrue(lines.get(3).contains("c.state") && lines.get(3).contains("lost: "), "the broken device is a row: " + r);
        assertEquals("3 devices: 2 ok, 1 with a problem", lines.get(4));
        assertTrue(lines.get(1).matches(".*a\\.state +ZZSIM[0-9A-Z]{6} .*"), "each row carries the device's serial: " + r);
    }

    @Test
    void statusJsonIsAnArrayWithEachDevicesOwnResult() {
        SchsmRun r = InProcessSchsm.schsm("-r", set(initialized, fresh, broken), "status", "--json", "--parallel", "3");
        JsonArray rows = JsonParser.parseString(r.out()).getAsJsonArray();
        assertEquals(3, rows.size(), r::toString);
        JsonObject a = rows.get(0).getAsJsonObject();
        assertEquals(0, a.get("exitCode").getAsInt());
        assertEquals(a.get("serial").getAsString(), a.getAsJsonObject("result").get("serial").getAsString());
        assertEquals(ExitCode.NO_CARD, rows.get(2).getAsJsonObject().get("exitCode").getAsInt());
        assertTrue(rows.get(2).getAsJsonObject().get("serial").isJsonNull());
        assertEquals(ExitCode.NO_CARD, r.exitCode());
    }

    @Test
    void initOverASetInitializesTheFreshDeviceAndTheGuardKeepsTheInitializedOne() {
        SchsmRun r = InProcessSchsm.schsm("-r", set(initialized, fresh), "--parallel", "2", "init", "--so-pin", SO, "--pin", PIN);
        assertEquals(ExitCode.GUARD, r.exitCode(), r::toString);
        assertTrue(r.out().contains("init on 2 devices: 1 done, 1 refused by the guard, 0 refused by the card, 0 lost"), r::toString);
        assertTrue(r.err().lines().anyMatch(l -> l.startsWith("[sim:" + initialized + "] ")), "output prefixed by reader: " + r);
        assertFalse(r.all().contains(PIN) || r.all().contains(SO), "no secret echoed: " + r);
        SchsmRun after = InProcessSchsm.schsm("-r", set(initialized, fresh), "pin", "status");
        assertEquals(ExitCode.OK, after.exitCode(), after::toString);
        assertEquals(2, after.out().lines().filter(l -> l.contains("3 tries")).count(), after::toString);
    }

    @Test
    void dryRunShowsThePlanPerDeviceMasksSecretsAndChangesNothing() {
        SchsmRun r = InProcessSchsm.schsm("-r", set(initialized, fresh), "init", "--so-pin", SO, "--pin", PIN, "--dry-run");
        assertEquals(ExitCode.OK, r.exitCode(), r::toString);
        assertTrue(r.out().contains("would run: schsm -r sim:" + fresh + " init --so-pin ** --pin **")
                || r.out().contains("init --so-pin ** --pin **"), r::toString);
        assertTrue(r.out().contains("[sim:" + initialized + "] expect: refused by the brick guard"), r::toString);
        assertTrue(r.out().contains("init (dry run) on 2 devices: 2 planned"), r::toString);
        assertFalse(r.all().contains(PIN) || r.all().contains(SO), "no secret echoed: " + r);
        SchsmRun after = InProcessSchsm.schsm("-r", "sim:" + fresh, "pin", "status");
        assertTrue(after.out().toLowerCase().contains("not") , "the fresh device is still not initialized: " + after);
    }

    @Test
    void keyGenerateOverASetRunsTheExistingCommandOnEachDeviceUnderItsOwnPin() {
        SchsmRun r = InProcessSchsm.schsm("-r", set(initialized, fresh), "--parallel", "2", "key", "generate",
                "--type", "ec:secp256r1", "--label", "fleet", "--pin", PIN);
        assertTrue(r.out().contains("key generate on 2 devices: 1 done, 0 refused by the guard, 1 refused by the card, 0 lost"),
                r::toString);
        assertEquals(ExitCode.CARD_REFUSED, r.exitCode(), r::toString);
        assertFalse(r.all().contains(PIN), "no secret echoed: " + r);
        SchsmRun keys = InProcessSchsm.schsm("-r", "sim:" + initialized, "keys");
        assertTrue(keys.out().contains("fleet"), keys::toString);
    }

    @Test
    void dkekImportOverASetDryRunNamesTheShareMasksThePasswordAndKnowsTheUninitializedDevice() {
        SchsmRun r = InProcessSchsm.schsm("-r", set(initialized, fresh), "dkek", "import", "share.pbe",
                "--password", "fleet-share-pw", "--dry-run");
        assertEquals(ExitCode.OK, r.exitCode(), r::toString);
        assertTrue(r.out().contains("dkek import share.pbe --password **"), r::toString);
        assertTrue(r.out().contains("[sim:" + fresh + "] expect: refused by the card (not initialized"), r::toString);
        assertFalse(r.all().contains("fleet-share-pw"), "no secret echoed: " + r);
    }

    @Test
    void aSetWithACommandThatTalksToOneCardIsOneLineAndExitTwo() {
        SchsmRun r = InProcessSchsm.schsm("-r", set(initialized, fresh), "send", "00 A4 04 00");
        assertEquals(ExitCode.BAD_INPUT, r.exitCode(), r::toString);
        assertEquals(1, r.err().strip().lines().count(), r::toString);
        SchsmRun dry = InProcessSchsm.schsm("-r", set(initialized, fresh), "status", "--dry-run");
        assertEquals(ExitCode.BAD_INPUT, dry.exitCode(), dry::toString);
        SchsmRun none = InProcessSchsm.schsm("-r", "sim:" + initialized + ",no-such-reader*", "status");
        assertEquals(ExitCode.BAD_INPUT, none.exitCode(), none::toString);
        assertEquals(1, none.err().strip().lines().count(), none::toString);
        SchsmRun zero = InProcessSchsm.schsm("-r", set(initialized, fresh), "--parallel", "0", "status");
        assertEquals(ExitCode.BAD_INPUT, zero.exitCode(), zero::toString);
    }

    /** The long option names a help page lists, in its options section. */
    private static Set<String> optionsShown(String... helpArgs) {
        SchsmRun r = InProcessSchsm.schsm(helpArgs);
        assertEquals(ExitCode.OK, r.exitCode(), r::toString);
        Set<String> names = new TreeSet<>();
        for (String line : r.out().lines().toList()) {
            Matcher m = OPTION_LINE.matcher(line);
            if (m.matches()) {
                names.add(m.group(1));
            }
        }
        return names;
    }

    @Test
    void keyDeleteHelpShowsNeitherDryRunNorParallel() {
        assertEquals(new TreeSet<>(List.of("--force", "--help", "--id", "--pin", "--reader", "--sim-state", "--trace")),
                optionsShown("key", "delete", "--help"));
        assertEquals(new TreeSet<>(List.of("--alg", "--help", "--id", "--in", "--out", "--pin", "--reader", "--sim-state",
                "--trace")), optionsShown("key", "sign", "--help"));
    }

    @Test
    void statusHelpShowsParallelButNotDryRun() {
        assertEquals(new TreeSet<>(List.of("--help", "--json", "--parallel", "--reader", "--sim-state", "--trace")),
                optionsShown("status", "--help"));
        Set<String> generate = optionsShown("key", "generate", "--help");
        assertTrue(generate.containsAll(List.of("--parallel", "--dry-run")), generate::toString);
    }

    @Test
    void theMixinsAreTheOneListOfFleetCommandsAndEveryHelpPageFollowsThem() {
        Set<String> parallel = new TreeSet<>();
        Set<String> dryRun = new TreeSet<>();
        for (List<String> path : HelpTreeTest.commandPaths()) {
            if (path.isEmpty()) {
                continue;
            }
            String name = String.join(" ", path);
            CommandSpec command = at(path);
            if (FleetOptions.declaredBy(command)) {
                parallel.add(name);
            }
            if (DryRunOption.declaredBy(command)) {
                dryRun.add(name);
            }
            String[] help = java.util.stream.Stream.concat(path.stream(), java.util.stream.Stream.of("--help"))
                    .toArray(String[]::new);
            Set<String> shown = optionsShown(help);
            assertEquals(FLEET.contains(name), shown.contains("--parallel"), () -> name + " shows " + shown);
            assertEquals(PROVISIONING.contains(name), shown.contains("--dry-run"), () -> name + " shows " + shown);
        }
        assertEquals(new TreeSet<>(FLEET), parallel);
        assertEquals(new TreeSet<>(PROVISIONING), dryRun);
    }

    private static CommandSpec at(List<String> path) {
        CommandLine cl = Main.fullTree();
        for (String name : path) {
            cl = cl.getSubcommands().get(name);
        }
        return cl.getCommandSpec();
    }

    @Test
    void theListsInTheRootsDescriptionsAreTheMixinsLists() {
        CommandSpec root = Main.fullTree().getCommandSpec();
        assertEquals(FLEET, named(root.findOption("--parallel").description(), "For (.+) \\(before"));
        assertEquals(PROVISIONING, named(root.findOption("--dry-run").description(), "For (.+) \\(before"));
        assertEquals(FLEET, named(root.findOption("--reader").description(), "A set for (.+?): 'all'"));
    }

    /** The command names listed in a description ("For a, b and c (before"), as a set. */
    private static Set<String> named(String[] description, String listPattern) {
        Matcher m = Pattern.compile(listPattern).matcher(String.join(" ", description));
        assertTrue(m.find(), () -> Arrays.toString(description));
        return Arrays.stream(m.group(1).split(", and |, | and ")).map(String::strip).collect(Collectors.toSet());
    }

    @Test
    void parallelWorksBeforeOrAfterTheCommandName() {
        for (String[] args : List.of(
                new String[] {"-r", set(initialized, fresh), "--parallel", "2", "status"},
                new String[] {"--parallel", "2", "-r", set(initialized, fresh), "status"},
                new String[] {"status", "-r", set(initialized, fresh), "--parallel", "2"},
                new String[] {"-r", set(initialized, fresh), "pin", "status", "--parallel=2"})) {
            SchsmRun r = InProcessSchsm.schsm(args);
            assertEquals(ExitCode.OK, r.exitCode(), r::toString);
            assertTrue(r.out().contains("2 devices: 2 ok"), r::toString);
        }
        // The value is read in every position: 0 is refused wherever it stands.
        for (String[] args : List.of(
                new String[] {"--parallel", "0", "-r", set(initialized, fresh), "status"},
                new String[] {"-r", set(initialized, fresh), "status", "--parallel", "0"},
                new String[] {"-r", set(initialized, fresh), "pin", "status", "--parallel", "0"})) {
            SchsmRun r = InProcessSchsm.schsm(args);
            assertEquals(ExitCode.BAD_INPUT, r.exitCode(), r::toString);
            assertTrue(r.err().contains("--parallel must be at least 1"), r::toString);
        }
    }

    @Test
    void dryRunWorksBeforeOrAfterTheCommandNameAndChangesNothing() throws Exception {
        byte[] before = Files.readAllBytes(fresh);
        for (String[] args : List.of(
                new String[] {"--dry-run", "-r", set(initialized, fresh), "init", "--so-pin", SO, "--pin", PIN},
                new String[] {"-r", set(initialized, fresh), "init", "--so-pin", SO, "--pin", PIN, "--dry-run"})) {
            SchsmRun r = InProcessSchsm.schsm(args);
            assertEquals(ExitCode.OK, r.exitCode(), r::toString);
            assertTrue(r.out().contains("init (dry run) on 2 devices"), r::toString);
        }
        assertTrue(Arrays.equals(before, Files.readAllBytes(fresh)), "a dry run leaves the device as it was");
    }

    @Test
    void beforeACommandThatDoesNotTakeThemTheyAreRefusedInOneLineAndNothingIsSent() {
        SchsmRun delete = InProcessSchsm.schsm("-v", "--dry-run", "-r", "sim:" + initialized, "key", "delete", "--id", "1",
                "--force", "--pin", PIN);
        assertEquals(ExitCode.BAD_INPUT, delete.exitCode(), delete::toString);
        assertEquals(List.of("schsm: --dry-run works with dkek import, init, key generate, not with 'key delete'"),
                delete.errLines(), "one line, and no APDU traced: " + delete);
        SchsmRun parallel = InProcessSchsm.schsm("-v", "--parallel", "4", "-r", "sim:" + initialized, "key", "delete",
                "--id", "1", "--force", "--pin", PIN);
        assertEquals(ExitCode.BAD_INPUT, parallel.exitCode(), parallel::toString);
        assertEquals(List.of("schsm: --parallel works with dkek import, doctor, init, inspect, key generate, keys, "
                + "pin status, status, test, not with 'key delete'"), parallel.errLines(), parallel::toString);
        SchsmRun status = InProcessSchsm.schsm("--dry-run", "-r", set(initialized, fresh), "status");
        assertEquals(ExitCode.BAD_INPUT, status.exitCode(), status::toString);
        assertEquals(List.of("schsm: --dry-run works with dkek import, init, key generate, not with 'status'"),
                status.errLines(), status::toString);
        SchsmRun test = InProcessSchsm.schsm("--dry-run", "-r", set(initialized, fresh), "test");
        assertEquals(ExitCode.BAD_INPUT, test.exitCode(), test::toString);
        assertTrue(test.err().startsWith("schsm: --dry-run works with"), test::toString);
        SchsmRun send = InProcessSchsm.schsm("-r", set(initialized, fresh), "send", "00 A4 04 00");
        assertEquals(ExitCode.BAD_INPUT, send.exitCode(), send::toString);
        assertTrue(send.err().startsWith("schsm: a reader set works with dkek import, doctor, init,"), send::toString);
    }

    @Test
    void afterACommandThatDoesNotTakeThemTheyAreUnknownOptions() {
        for (String[] args : List.of(
                new String[] {"-r", "sim:" + initialized, "key", "delete", "--id", "1", "--force", "--pin", PIN, "--dry-run"},
                new String[] {"-r", "sim:" + initialized, "status", "--dry-run"},
                new String[] {"-r", "sim:" + initialized, "send", "--parallel", "2", "00 A4 04 00"})) {
            SchsmRun r = InProcessSchsm.schsm(args);
            assertEquals(ExitCode.BAD_INPUT, r.exitCode(), r::toString);
            assertTrue(r.err().startsWith("schsm: unknown option '--"), r::toString);
        }
    }
}
