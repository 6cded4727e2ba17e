package org.schsm.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.lang.reflect.Method;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.schsm.session.ExitCode;
import org.schsm.testkit.HsmConstants;
import org.schsm.testkit.InProcessSchsm;
import org.schsm.testkit.SchsmRun;

/**
 * Start-up structure (issue 19), checked by the classes a command loads, never by its time: the
 * Groovy runtime, JLine and Bouncy Castle are paid for only by the commands that use them.
 * {@code schsm status} loads none of them, and neither does building the picocli model of any
 * command or subcommand (what every run of that command does before it does anything), so a
 * command added later starts like {@code status} unless it really uses them when it runs.
 *
 * <p>The probe: schsm runs in-process in a class loader of its own over the test class path,
 * which records every class it defines (the JDK's come from the platform loader and are not
 * counted). Measured start-up figures are in docs/performance.md ("Start-up").
 */
class StartupClassLoadingTest {
    /** Packages whose classes a command should not load unless it needs them when it runs. */
    static final List<String> HEAVY = List.of("org.bouncycastle.", "groovy.", "org.codehaus.groovy.",
            "org.apache.groovy.", "groovyjarjar", "org.jline.");

    /** Defines the application's classes itself (parent: the platform loader) and records their names. */
    static final class RecordingLoader extends URLClassLoader {
        private final Set<String> defined = new TreeSet<>();

        RecordingLoader(URL[] urls) {
            super("recording", urls, ClassLoader.getPlatformClassLoader());
        }

        @Override
        protected Class<?> findClass(String name) throws ClassNotFoundException {
            Class<?> c = super.findClass(name);
            synchronized (defined) {
                defined.add(name);
            }
            return c;
        }

        Set<String> heavy() {
            synchronized (defined) {
                return defined.stream().filter(n -> HEAVY.stream().anyMatch(n::startsWith))
                        .collect(Collectors.toCollection(TreeSet::new));
            }
        }

        int count() {
            synchronized (defined) {
                return defined.size();
            }
        }

        /** Runs {@code Main.run(args)} as loaded by this loader; returns the exit code. */
        int run(String... args) throws Exception {
            Thread thread = Thread.currentThread();
            ClassLoader before = thread.getContextClassLoader();
            thread.setContextClassLoader(this);
            try {
                Method run = loadClass(Main.class.getName())
                        .getMethod("run", String[].class, PrintWriter.class, PrintWriter.class);
                PrintWriter sink = new PrintWriter(new StringWriter());
                return (int) run.invoke(null, args, sink, sink);
            } finally {
                thread.setContextClassLoader(before);
            }
        }
    }

    static RecordingLoader recordingLoader() throws MalformedURLException {
        String classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        List<URL> urls = new ArrayList<>();
        for (String entry : classPath.split(File.pathSeparator)) {
            if (!entry.isBlank()) {
                urls.add(Path.of(entry).toUri().toURL());
            }
        }
        return new RecordingLoader(urls.toArray(URL[]::new));
    }

    @Test
    void statusOnAnInitializedCardLoadsNeitherGroovyNorBouncyCastle(@TempDir Path dir) throws Exception {
        String state = dir.resolve("card.state").toString();
        // Making a new simulated card does use Bouncy Castle (its device certificate); a user's
        // card exists already, so it is made here, outside the probe.
        initialize(Path.of(state));

        try (RecordingLoader loader = recordingLoader()) {
            assertEquals(ExitCode.OK, loader.run("-r", "sim", "--sim-state", state, "status"));
            assertTrue(loader.count() > 100, "the probe saw only " + loader.count() + " classes: not schsm's loader?");
            assertEquals(Set.of(), loader.heavy(), "classes `schsm status` should not load");
        }
    }

    @Test
    void noCommandsModelLoadsGroovyOrBouncyCastle() throws Exception {
        List<List<String>> paths = new ArrayList<>(HelpTreeTest.commandPaths());
        assertTrue(paths.size() > 20, "only " + paths.size() + " command paths");
        // The root's help builds every model; last, so that each class is charged to the first
        // single command whose model needs it.
        paths.sort(java.util.Comparator.comparing(List::isEmpty));
        List<String> offenders = new ArrayList<>();
        try (RecordingLoader loader = recordingLoader()) {
            for (List<String> path : paths) {
                List<String> args = new ArrayList<>(path);
                args.add("--help");
                Set<String> before = loader.heavy();
                int code = loader.run(args.toArray(String[]::new));
                assertEquals(ExitCode.OK, code, () -> "schsm " + String.join(" ", args));
                Set<String> added = new TreeSet<>(loader.heavy());
                added.removeAll(before);
                if (path.equals(List.of("shell"))) {
                    // The interactive shell's methods take JLine's Terminal, which picocli's
                    // reflection over the command class resolves; the shell uses JLine anyway.
                    added.removeIf(n -> n.startsWith("org.jline."));
                }
                if (!added.isEmpty()) {
                    offenders.add("schsm " + String.join(" ", args) + " loaded " + added);
                }
            }
        }
        assertEquals(List.of(), offenders, "building a command's model must not load Groovy, JLine or Bouncy Castle");
    }

    @Test
    void theProbeSeesGroovyWhenACommandUsesIt(@TempDir Path dir) throws Exception {
        // Control: the probe would notice. `schsm run` compiles and runs a Groovy script.
        Path script = dir.resolve("one.groovy");
        java.nio.file.Files.writeString(script, "println 1 + 1\n");
        String state = dir.resolve("card.state").toString();
        initialize(Path.of(state));
        try (RecordingLoader loader = recordingLoader()) {
            loader.run("-r", "sim", "--sim-state", state, "run", script.toString());
            assertTrue(loader.heavy().stream().anyMatch(n -> n.startsWith("groovy.")),
                    () -> "no Groovy class recorded for `schsm run`: " + loader.heavy());
        }
    }

    private static void initialize(Path state) {
        SchsmRun init = InProcessSchsm.onSimulator(state)
                .run("init", "--so-pin", HsmConstants.DEFAULT_SO_PIN, "--pin", HsmConstants.USER_PIN);
        assertEquals(ExitCode.OK, init.exitCode(), init::toString);
    }
}
