package org.schsm.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.schsm.session.ExitCode;
import org.schsm.testkit.InProcessSchsm;
import org.schsm.testkit.SchsmRun;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine;

/** Every command and subcommand answers --help, -h and `schsm help PATH`, and names its options. */
class HelpTreeTest {

    /** Every command path in the tree, the root's subcommands first level down. */
    static List<List<String>> commandPaths() {
        List<List<String>> paths = new ArrayList<>();
        collect(Main.fullTree(), new ArrayList<>(), paths);
        return paths;
    }

    private static void collect(CommandLine cl, List<String> path, List<List<String>> into) {
        into.add(List.copyOf(path));
        cl.getSubcommands().forEach((name, sub) -> {
            List<String> next = new ArrayList<>(path);
            next.add(name);
            collect(sub, next, into);
        });
    }

    private static CommandLine at(List<String> path) {
        CommandLine cl = Main.fullTree();
        for (String name : path) {
            cl = cl.getSubcommands().get(name);
        }
        return cl;
    }

    private static String[] args(List<String> path, String... tail) {
        return Stream.concat(path.stream(), Stream.of(tail)).toArray(String[]::new);
    }

    @Test
    void theTreeHasTheNestedCommands() {
        List<List<String>> paths = commandPaths();
        assertTrue(paths.contains(List.of("pin", "change")), paths::toString);
        assertTrue(paths.contains(List.of("sim", "serve")), paths::toString);
        assertTrue(paths.size() >= 16, paths::toString);
    }

    @TestFactory
    Stream<DynamicTest> everyCommandAnswersHelpAndNamesItsOptions() {
        return commandPaths().stream().map(path -> DynamicTest.dynamicTest("schsm " + String.join(" ", path), () -> {
            SchsmRun longForm = InProcessSchsm.schsm(args(path, "--help"));
            assertEquals(ExitCode.OK, longForm.exitCode(), longForm::toString);
            assertTrue(longForm.err().isEmpty(), longForm::toString);
            assertTrue(longForm.out().startsWith("Usage: schsm" + (path.isEmpty() ? "" : " " + String.join(" ", path))),
                    longForm::toString);
            for (OptionSpec option : at(path).getCommandSpec().options()) {
                if (!option.hidden()) {
                    assertTrue(longForm.out().contains(option.longestName()),
                            () -> option.longestName() + " missing in\n" + longForm);
                }
            }
            SchsmRun shortForm = InProcessSchsm.schsm(args(path, "-h"));
            assertEquals(ExitCode.OK, shortForm.exitCode(), shortForm::toString);
            assertEquals(longForm.out(), shortForm.out());
            SchsmRun viaHelp = InProcessSchsm.schsm(args(List.of("help"), path.toArray(String[]::new)));
            assertEquals(ExitCode.OK, viaHelp.exitCode(), viaHelp::toString);
            assertEquals(longForm.out(), viaHelp.out());
        }));
    }

    @Test
    void helpOfANestedCommandIsThatCommandsHelp() {
        SchsmRun r = InProcessSchsm.schsm("help", "pin", "change");
        assertEquals(ExitCode.OK, r.exitCode(), r::toString);
        assertTrue(r.out().startsWith("Usage: schsm pin change"), r::toString);
    }

    @Test
    void helpOfAnUnknownCommandIsAUsageErrorNamingTheChoices() {
        SchsmRun r = InProcessSchsm.schsm("help", "pin", "frobnicate");
        assertEquals(ExitCode.BAD_INPUT, r.exitCode(), r::toString);
        assertTrue(r.err().contains("no such command under schsm pin") && r.err().contains("change"), r::toString);
    }

    @Test
    void aUsageErrorPointsToHelpThatWorks() {
        SchsmRun r = InProcessSchsm.schsm("pin", "change", "--bogus");
        assertEquals(ExitCode.BAD_INPUT, r.exitCode(), r::toString);
        String hint = r.err().lines().filter(l -> l.startsWith("Try '")).findFirst().orElseThrow();
        String command = hint.substring("Try '".length(), hint.indexOf("' for usage."));
        assertEquals("schsm pin change --help", command);
        String[] words = command.substring("schsm ".length()).split(" ");
        SchsmRun help = InProcessSchsm.schsm(words);
        assertEquals(ExitCode.OK, help.exitCode(), help::toString);
        assertTrue(help.out().startsWith("Usage: schsm pin change"), help::toString);
    }
}
