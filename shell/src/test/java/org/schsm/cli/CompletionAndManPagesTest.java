package org.schsm.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;

/** The build's completion script completes real commands and options; there is a man page per command. */
class CompletionAndManPagesTest {
    @TempDir
    static Path out;

    @BeforeAll
    static void generate() throws Exception {
        BuildDocs.write(out, "9.9.9");
    }

    private static String bashComplete(String line) throws Exception {
        String script = "source '" + out.resolve(BuildDocs.BASH) + "'\n"
                + "COMP_LINE='" + line + "'; COMP_POINT=${#COMP_LINE}; read -ra COMP_WORDS <<< \"$COMP_LINE\"\n"
                + (line.endsWith(" ") ? "COMP_WORDS+=('')\n" : "")
                + "COMP_CWORD=$(( ${#COMP_WORDS[@]} - 1 ))\n"
                + "_complete_schsm schsm\n"
                + "printf '%s\\n' \"${COMPREPLY[@]}\"\n";
        Process p = new ProcessBuilder("bash", "-c", script).redirectErrorStream(true).start();
        String result = new String(p.getInputStream().readAllBytes());
        assertTrue(p.waitFor(30, TimeUnit.SECONDS));
        return result;
    }

    @Test
    void bashCompletesSubcommandsAndTheirOptions() throws Exception {
        assertTrue(bashComplete("schsm pin ch").lines().toList().contains("change"), () -> "got: " + assertOut("schsm pin ch"));
        List<String> options = bashComplete("schsm pin change --new-").lines().toList();
        assertTrue(options.containsAll(List.of("--new-pin", "--new-so-pin")), options::toString);
        assertTrue(bashComplete("schsm ").lines().toList().containsAll(List.of("status", "doctor", "pin", "help")));
    }

    private static String assertOut(String line) {
        try {
            return bashComplete(line);
        } catch (Exception e) {
            return e.toString();
        }
    }

    @Test
    void zshGetsTheSameScript() throws Exception {
        assertEquals(Files.readString(out.resolve(BuildDocs.BASH)), Files.readString(out.resolve(BuildDocs.ZSH)));
        assertTrue(Files.readString(out.resolve(BuildDocs.ZSH)).contains("ZSH_VERSION"));
    }

    @Test
    void everyCommandHasAManPageNamingItsOptions() throws Exception {
        List<List<String>> paths = HelpTreeTest.commandPaths();
        Path man = out.resolve(BuildDocs.MAN);
        try (var files = Files.list(man)) {
            assertEquals(paths.size(), files.count());
        }
        for (List<String> path : paths) {
            CommandLine cl = Main.fullTree();
            for (String name : path) {
                cl = cl.getSubcommands().get(name);
            }
            String name = "schsm" + (path.isEmpty() ? "" : "-" + String.join("-", path));
            Path page = man.resolve(name + ".1");
            String text = Files.readString(page);
            assertTrue(text.contains(".TH \"" + name.toUpperCase(java.util.Locale.ROOT) + "\" \"1\""), name);
            assertTrue(text.contains("schsm 9.9.9"), name);
            for (OptionSpec o : cl.getCommandSpec().options()) {
                if (!o.hidden()) {
                    assertTrue(text.contains(ManPages.escape(o.longestName())), () -> o.longestName() + " missing in " + page);
                }
            }
            if (Files.isExecutable(Path.of("/usr/bin/groff"))) {
                Process p = new ProcessBuilder("groff", "-man", "-Tutf8", "-ww", "-z", page.toString())
                        .redirectErrorStream(true).start();
                String warnings = new String(p.getInputStream().readAllBytes());
                assertTrue(p.waitFor(30, TimeUnit.SECONDS));
                assertEquals("", warnings, page.toString());
            }
        }
    }
}
