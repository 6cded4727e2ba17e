package org.schsm.cli.hardening;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.lang.reflect.AnnotatedElement;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Parameter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.jline.terminal.Terminal;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.schsm.Secret;
import org.schsm.cli.Main;
import org.schsm.conformance.CaseContext;
import org.schsm.hsm.InitializeOptions;
import org.schsm.hsm.Pin;
import org.schsm.hsm.PinValue;
import org.schsm.hsm.SmartCardHsm;
import org.schsm.hsm.SoPin;
import org.schsm.session.CardOptions;
import org.schsm.session.PinSource;
import org.schsm.shell.SchsmScript;
import org.schsm.shell.ShellCommand;
import org.schsm.testkit.InProcessSchsm;
import org.schsm.testkit.SchsmRun;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;

/**
 * Issue 17's sweep: every command and subcommand of the CLI (found by walking picocli's model, so a
 * new command is swept without editing this test), every kind of usage mistake, with marker PINs
 * and SO-PINs in every secret option (options whose field is annotated {@code @Secret}), in ASCII
 * and in hex; then wrong calls of every secret-taking method of the API (found by reflection:
 * parameters of a {@code PinValue} type or annotated {@code @Secret}) in the shell (with
 * {@code :trace} after each), in scripts and in conformance suites. Nothing of a marker may appear
 * in standard output, standard error, {@code System.out}/{@code err}, log records, the shell
 * history, the JUnit report, or any file under HOME (a temporary one).
 */
class SecretSweepTest {
    /** Marker secrets: distinctive, so any 5 characters of one in the output are a leak. */
    static final List<String> ASCII_MARKERS = List.of("Tq7#pL2v", "Zx9!mK4w", "Hy3$rN8b", "k9Qz4Wx2", "Pw5Ej7Rc");
    static final List<String> HEX_MARKERS = ASCII_MARKERS.stream().map(SecretLeakAuditTest::hex).toList();
    /** Fillers for positional parameters, by label, so that a mistake is the only thing wrong on the line. */
    static final Map<String, String> FILLERS = Map.of(
            "SCRIPT", "@SCRIPT", "SUITE", "@SUITE", "APDU", "00A4040000", "HEX", "3B8080010101",
            "NAME", "sweep-name", "COMMAND", "", "ARGS", "", "FILE", "sweep-file");

    @TempDir
    static Path dir;
    static Path home;
    static Path state;
    static Path script;
    static Path suite;
    static String oldHome;
    static InputStream oldIn;
    static final Map<String, Integer> counts = new LinkedHashMap<>();

    @BeforeAll
    static void temporaryHome() throws IOException {
        home = Files.createDirectories(dir.resolve("home"));
        state = dir.resolve("card.state");   // outside HOME: a simulated card keeps its PINs, as a real one does
        script = Files.writeString(dir.resolve("noop.groovy"), "return 0\n");
        suite = Files.writeString(dir.resolve("noop-suite.groovy"), "suite('noop') { testcase('nothing') { } }\n");
        oldHome = System.getProperty("user.home");
        System.setProperty("user.home", home.toString());
        System.setProperty("schsm.secretStore", home.resolve(".local/share/schsm/secrets.json").toString());
        System.setProperty("schsm.secretKeyFile", home.resolve(".config/schsm/secrets.key").toString());
        oldIn = System.in;
        System.setIn(new ByteArrayInputStream(new byte[0]));   // a command that would read stdin ends at once
    }

    @AfterAll
    static void restore() throws IOException {
        System.setProperty("user.home", oldHome);
        System.clearProperty("schsm.secretStore");
        System.clearProperty("schsm.secretKeyFile");
        System.setIn(oldIn);
        System.out.println("secret sweep: " + counts);
        Files.createDirectories(Path.of("target"));
        Files.writeString(Path.of("target", "secret-sweep.txt"), counts + "\n");
    }

    // ---- the detector ----

    /** Every window of 5 characters of the ASCII markers and of 10 digits of their hex forms, any case. */
    static final Set<String> WINDOWS = windows();

    private static Set<String> windows() {
        Set<String> w = new LinkedHashSet<>();
        for (String m : ASCII_MARKERS) {
            for (int i = 0; i + 5 <= m.length(); i++) {
                w.add(m.substring(i, i + 5));
            }
            String hex = SecretLeakAuditTest.hex(m);
            for (int i = 0; i + 10 <= hex.length(); i += 2) {
                w.add(hex.substring(i, i + 10));
            }
        }
        return w;
    }

    static void assertNoMarker(String where, String text) {
        String flat = text.replaceAll("[ :]", "");
        for (String w : WINDOWS) {
            boolean hex = w.matches("[0-9A-F]+");
            boolean found = hex ? flat.toUpperCase(Locale.ROOT).contains(w) : text.contains(w);
            if (found) {
                fail(where + " shows a marker secret (" + w + "):\n" + text);
            }
        }
    }

    @Test
    void theDetectorFindsAPartOfAMarkerInAnyForm() {
        for (String leak : List.of("x-Tq7#pL2v", "Unknown option: '-Zx9!m'", "6b 39 51 7a 34", "values: [HEX 6B39517A34]")) {
            assertTrue(catches(leak), leak);
        }
        assertTrue(!catches("schsm: unknown option '--pinx=…' (did you mean --pin?)"));
    }

    private static boolean catches(String text) {
        try {
            assertNoMarker("self-test", text);
            return false;
        } catch (org.opentest4j.AssertionFailedError e) {
            return true;
        }
    }

    // ---- the CLI: picocli's model ----

    static boolean isSecret(ArgSpec arg) {
        Object member = arg.userObject();
        return member instanceof AnnotatedElement e && e.isAnnotationPresent(Secret.class);
    }

    /** Every command of the model with its path from the root, the root first. */
    static List<CommandSpec> commands() {
        List<CommandSpec> all = new ArrayList<>();
        collect(Main.model(), all);
        return all;
    }

    private static void collect(CommandSpec spec, List<CommandSpec> out) {
        out.add(spec);
        spec.subcommands().values().forEach(c -> collect(c.getCommandSpec(), out));
    }

    private static List<String> path(CommandSpec spec) {
        List<String> p = new ArrayList<>();
        for (CommandSpec s = spec; s.parent() != null; s = s.parent()) {
            p.add(0, s.name());
        }
        return p;
    }

    /** A String option whose name or label speaks of a PIN, password, secret or value must be marked @Secret. */
    @Test
    void everyOptionThatLooksLikeASecretIsMarkedSecret() {
        int secret = 0;
        for (CommandSpec spec : commands()) {
            for (OptionSpec o : spec.options()) {
                boolean looks = o.type() == String.class && (String.join(" ", o.names()) + " " + o.paramLabel())
                        .toLowerCase(Locale.ROOT).matches(".*(pin|password|secret|value|hex16|--old|--new).*");
                if (looks) {
                    assertTrue(isSecret(o), () -> String.join(" ", path(spec)) + " " + o.longestName()
                            + " takes a secret: annotate its field @org.schsm.Secret");
                }
                secret += isSecret(o) ? 1 : 0;
            }
        }
        assertTrue(secret >= 11, "secret options found: " + secret);
    }

    @Test
    void noUsageMistakeOnAnyCommandShowsASecret() {
        int lines = 0;
        for (CommandSpec spec : commands()) {
            for (List<String> line : mistakes(spec)) {
                List<String> argv = new ArrayList<>(line);
                argv.addAll(List.of("-r", "sim", "--sim-state", state.toString()));
                SchsmRun r = InProcessSchsm.capturingStrayOutput().run(argv.toArray(String[]::new));
                assertNoMarker("schsm " + String.join(" ", argv), r.toString());
                lines++;
            }
        }
        counts.put("command lines", lines);
        assertNoMarkerUnderHome();
        assertTrue(lines > 400, "lines swept: " + lines);
    }

    /** The mistakes for one command, with every secret option given a marker in each form. */
    static List<List<String>> mistakes(CommandSpec spec) {
        List<List<String>> out = new ArrayList<>();
        List<OptionSpec> secrets = spec.options().stream().filter(SecretSweepTest::isSecret).toList();
        List<OptionSpec> typed = spec.options().stream().filter(o -> o.arity().max() > 0 && !isSecret(o)
                && o.type() != String.class && !Path.class.isAssignableFrom(o.type()) && o.type() != boolean.class).toList();
        List<OptionSpec> flags = spec.options().stream().filter(o -> o.arity().max() == 0).toList();
        boolean unbounded = spec.positionalParameters().stream().anyMatch(p -> p.arity().isUnspecified() || p.arity().max() == Integer.MAX_VALUE);
        for (List<String> markers : List.of(ASCII_MARKERS, HEX_MARKERS)) {
            Marker m = new Marker(markers);
            List<String> base = new ArrayList<>(path(spec));
            for (PositionalParamSpec p : spec.positionalParameters()) {
                String filler = filler(p);
                if (!filler.isEmpty()) {
                    base.add(filler);
                }
            }
            Map<OptionSpec, String> given = new LinkedHashMap<>();
            for (OptionSpec s : secrets) {
                given.put(s, m.next());
                base.add(s.longestName());
                base.add(given.get(s));
            }
            out.add(with(base, "--no-such-option"));
            out.add(with(base, "--no-such-option", m.next()));
            out.add(with(base, "--no-such-option=" + m.next()));
            if (!unbounded) {
                out.add(with(base, m.next()));
            }
            if (!spec.subcommands().isEmpty()) {
                List<String> asCommand = new ArrayList<>(path(spec));
                asCommand.add(m.next());
                out.add(asCommand);
            }
            for (OptionSpec s : secrets) {
                String name = s.longestName();
                String value = given.get(s);
                out.add(replace(base, name, value, name + "x", value));
                out.add(replace(base, name, value, name + "x=" + value));
                out.add(replace(base, name, value, name + value));
                List<String> missing = replace(base, name, value);
                missing.add(name);
                out.add(missing);
                out.add(replace(base, name, value, name, value, m.next()));
                out.add(with(base, name, m.next()));
            }
            for (OptionSpec t : typed) {
                out.add(with(base, t.longestName(), m.next()));
                out.add(with(base, t.longestName() + "=" + m.next()));
            }
            for (OptionSpec f : flags) {
                out.add(with(base, f.longestName() + "=" + m.next()));
                if (f.shortestName().length() == 2) {
                    out.add(with(base, f.shortestName() + m.next()));
                }
            }
        }
        return out;
    }

    private static String filler(PositionalParamSpec p) {
        String label = p.paramLabel().replaceAll("[<>.\\[\\]]", "");
        // an unknown label gets a plain word: the line may then be wrong twice, which still must not leak
        String f = FILLERS.getOrDefault(label, "sweep-value");
        return f.equals("@SCRIPT") ? script.toString() : f.equals("@SUITE") ? suite.toString() : f;
    }

    private static List<String> with(List<String> base, String... more) {
        List<String> l = new ArrayList<>(base);
        l.addAll(List.of(more));
        return l;
    }

    /** {@code base} with the pair {@code name value} replaced by {@code replacement}. */
    private static List<String> replace(List<String> base, String name, String value, String... replacement) {
        List<String> l = new ArrayList<>();
        for (int i = 0; i < base.size(); i++) {
            if (base.get(i).equals(name) && i + 1 < base.size() && base.get(i + 1).equals(value)) {
                l.addAll(List.of(replacement));
                i++;
            } else {
                l.add(base.get(i));
            }
        }
        return l;
    }

    /** Hands out the markers of one form in turn. */
    static final class Marker {
        private final List<String> markers;
        private int next;

        Marker(List<String> markers) {
            this.markers = markers;
        }

        String next() {
            return markers.get(next++ % markers.size());
        }
    }

    // ---- the shell, scripts and suites: the API by reflection ----

    /** Classes whose public methods the shell, scripts and suites call with secrets. */
    static final List<Class<?>> API = List.of(SmartCardHsm.class, Pin.class, SoPin.class, PinValue.class,
            InitializeOptions.class, SchsmScript.class, CaseContext.class, PinSource.class);

    static boolean takesSecret(Method m) {
        for (Parameter p : m.getParameters()) {
            if (PinValue.class.isAssignableFrom(p.getType()) || p.isAnnotationPresent(Secret.class)) {
                return true;
            }
        }
        return false;
    }

    /** One wrong call for each way of getting a secret-taking method wrong, as Groovy source. */
    static List<String> wrongCalls() {
        Set<String> calls = new LinkedHashSet<>();
        for (Class<?> type : API) {
            for (Method method : type.getMethods()) {
                if (method.getDeclaringClass() != type || !takesSecret(method)) {
                    continue;
                }
                String receiver = receiver(type, method);
                for (List<String> markers : List.of(ASCII_MARKERS, HEX_MARKERS)) {
                    Marker mk = new Marker(markers);
                    int n = method.getParameterCount();
                    List<String> args = new ArrayList<>();
                    for (int i = 0; i <= n; i++) {
                        args.add("'" + mk.next() + "'");
                    }
                    String name = receiver + method.getName();
                    calls.add(name + "(" + String.join(", ", args) + ")");                 // one argument too many
                    if (n > 1) {
                        calls.add(name + "(" + args.get(0) + ")");                          // too few
                    }
                    calls.add(name + "(pin: " + args.get(0) + ")");                         // a map
                    calls.add(name + "([" + args.get(0) + "])");                            // a list
                    calls.add(name + "(" + args.get(0) + " as Integer)");                   // a failed conversion
                    calls.add(name + "(" + args.get(0) + ".bytes" + (n > 1 ? ", 42" : "") + ")");   // byte[] and an int
                }
            }
        }
        calls.add("PinValue p = '" + ASCII_MARKERS.get(0) + "'");
        calls.add("SoPin s = '" + HEX_MARKERS.get(1) + "'");
        calls.add("def p = '" + ASCII_MARKERS.get(2) + "'; assert p.size() == 3");   // a power assertion shows values
        return new ArrayList<>(calls);
    }

    private static String receiver(Class<?> type, Method m) {
        boolean isStatic = Modifier.isStatic(m.getModifiers());
        if (type == SmartCardHsm.class) {
            return "hsm.";
        }
        if (type == SchsmScript.class || type == CaseContext.class) {
            return "";
        }
        if (type == PinSource.class) {
            return "new org.schsm.session.PinSource([:], null).";
        }
        if (type == PinValue.class && !isStatic) {
            return "Pin.user('648219').";
        }
        return type.getSimpleName() + ".";
    }

    @Test
    void noWrongCallOfASecretTakingMethodShowsASecret() throws Exception {
        List<String> calls = wrongCalls();
        assertTrue(calls.size() > 100, "calls: " + calls.size());
        // 1. the shell: every call, each followed by :trace; history in HOME
        StringBuilder input = new StringBuilder("sim()\n");
        for (String call : calls) {
            input.append(call).append('\n').append(":trace\n");
        }
        input.append(":quit\n");
        ByteArrayOutputStream terminalOut = new ByteArrayOutputStream();
        StringWriter err = new StringWriter();
        Path history = home.resolve(".local/share/schsm/history");
        try (Terminal terminal = ShellCommand.dumbTerminal(
                new ByteArrayInputStream(input.toString().getBytes(StandardCharsets.UTF_8)), terminalOut)) {
            ShellCommand.run(CardOptions.of("sim", state, false), terminal, history, new PrintWriter(err, true));
        }
        String shellOut = terminalOut.toString(StandardCharsets.UTF_8);
        assertTrue(shellOut.contains("\tat "), "the traces were printed");
        assertTrue(shellOut.contains("(values not shown)") && shellOut.contains("Cannot cast object '****'"),
                "the calls failed the way Groovy fails them");
        assertNoMarker("the shell", shellOut + err);
        assertNoMarker("the shell history", Files.readString(history));
        counts.put("shell calls", calls.size());

        // 2. scripts: one per call, through schsm run
        int scripts = 0;
        for (String call : calls) {
            Path s = Files.writeString(dir.resolve("call" + scripts + ".groovy"), "sim()\n" + call + "\n");
            SchsmRun r = InProcessSchsm.capturingStrayOutput().run("-r", "sim", "--sim-state", state.toString(), "run", s.toString());
            assertNoMarker("schsm run with " + call, r.toString());
            scripts++;
        }
        counts.put("script calls", scripts);

        // 3. conformance suites: one case per call, JUnit report under HOME
        StringBuilder cases = new StringBuilder("suite('wrong calls') {\n");
        int n = 0;
        for (String call : calls) {
            cases.append("  testcase('call ").append(n++).append("') { ").append(call).append(" }\n");
        }
        cases.append("}\n");
        Path suiteFile = Files.writeString(dir.resolve("wrong-calls.groovy"), cases.toString());
        SchsmRun r = InProcessSchsm.capturingStrayOutput().run("-r", "sim:fresh", "test", suiteFile.toString(), "--junit-xml",
                home.resolve("report.xml").toString());
        assertTrue(r.err().contains("suite error: MissingMethodException"), r::toString);
        assertNoMarker("schsm test", r.toString());
        counts.put("suite calls", n);
        assertNoMarkerUnderHome();
    }

    private static void assertNoMarkerUnderHome() {
        try (Stream<Path> files = Files.walk(home)) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                assertNoMarker(f.toString(), new String(Files.readAllBytes(f), StandardCharsets.ISO_8859_1));
            }
        } catch (IOException e) {
            fail(e);
        }
    }
}
