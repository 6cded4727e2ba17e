package org.schsm.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;
import org.schsm.session.ExitCode;
import org.schsm.testkit.SchsmRun;

/** Every script in scripts/ parses its arguments with picocli: --help, unknown and missing options. */
class ScriptArgumentsTest {
    private static final Pattern OPTION_WITH_VALUE = Pattern.compile("(--[a-z][a-z-]*)=");

    @TempDir
    Path dir;

    static List<Path> scripts() throws IOException {
        try (Stream<Path> files = Files.list(ShellFixture.script(""))) {
            return files.filter(p -> p.toString().endsWith(".groovy")).sorted().toList();
        }
    }

    @TestFactory
    Stream<DynamicTest> everyScriptAnswersHelpAndRefusesUnknownAndMissingOptionsWithItsUsage() throws IOException {
        List<Path> scripts = scripts();
        assertTrue(scripts.size() >= 6, scripts::toString);
        return scripts.stream().map(script -> DynamicTest.dynamicTest(script.getFileName().toString(), () -> {
            String name = script.getFileName().toString();
            SchsmRun help = ShellFixture.run(dir, script, "--help");
            assertEquals(ExitCode.OK, help.exitCode(), help::toString);
            assertTrue(help.out().startsWith("Usage: " + name), help::toString);

            SchsmRun unknown = ShellFixture.run(dir, script, "--no-such-option");
            assertEquals(ExitCode.BAD_INPUT, unknown.exitCode(), unknown::toString);
            assertTrue(unknown.err().startsWith("schsm: " + name + ": unknown option '--no-such-option'"), unknown::toString);
            assertTrue(unknown.err().contains("Usage: " + name), unknown::toString);

            List<String> withValue = new ArrayList<>();
            Matcher m = OPTION_WITH_VALUE.matcher(help.out());
            while (m.find()) {
                withValue.add(m.group(1));
            }
            for (String option : withValue) {
                SchsmRun missing = ShellFixture.run(dir, script, option);
                assertEquals(ExitCode.BAD_INPUT, missing.exitCode(), () -> option + "\n" + missing);
                assertTrue(missing.err().contains("option '" + option + "' needs a value"),
                        () -> option + "\n" + missing);
                assertTrue(missing.err().contains("Usage: " + name), () -> option + "\n" + missing);
                assertFalse(missing.err().contains("Exception"), () -> option + "\n" + missing);
            }
        }));
    }

    @Test
    void aStrayValueIsNotEchoedInTheUsageError() {
        SchsmRun r = ShellFixture.run(dir, ShellFixture.script("change-pins.groovy"), "--force", "648219");
        assertEquals(ExitCode.BAD_INPUT, r.exitCode(), r::toString);
        assertFalse(r.err().contains("648219"), r::toString);
        assertTrue(r.err().contains("unexpected value"), r::toString);
    }

    @Test
    void scriptsTakeOpenScsPinOptionNames() {
        assertEquals(ExitCode.OK, ShellFixture.run(dir, ShellFixture.script("initialize-device.groovy"),
                "--so-pin", "3537363231383830", "--pin", "648219", "--pin-retry", "2").exitCode());
        SchsmRun r = ShellFixture.run(dir, ShellFixture.script("change-pins.groovy"),
                "--pin", "648219", "--new-pin", "123456");
        assertEquals(ExitCode.OK, r.exitCode(), r::toString);
        r = ShellFixture.run(dir, ShellFixture.script("change-pins.groovy"),
                "--so-pin", "3537363231383830", "--new-so-pin", "0011223344556677");
        assertEquals(ExitCode.OK, r.exitCode(), r::toString);
        assertTrue(r.out().contains("SO-PIN changed"), r::toString);
    }
}
