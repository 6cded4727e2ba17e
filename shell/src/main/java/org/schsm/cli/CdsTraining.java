package org.schsm.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.schsm.hsm.SmartCardHsm;
import org.schsm.session.ExitCode;

/**
 * The build-time training run behind {@code bin/schsm}'s class-data-sharing archive
 * ({@code SCHSM_CDS_DUMP=1}, made at {@code mvn package}). A dynamic archive records the classes
 * of one JVM, so this runs, in one JVM, the commands whose start-up matters: picocli's model
 * building, the embedded simulator, the PC/SC stack (JNA and jnasmartcardio, reached through
 * {@code readers} and the reader selection of a named reader), and Groovy (a small conformance
 * suite compiled and run, which is most of what {@code test}, {@code run} and {@code shell} load).
 *
 * <p>Their exit codes are printed, not enforced: without pcscd the PC/SC commands end with exit 3
 * after the PC/SC classes have loaded, which is all the archive needs. Nothing here touches a
 * real card: {@code readers} lists names without connecting, and the named reader does not exist.
 */
public final class CdsTraining {
    private static final String HSM_ATR = "3BFE1800008131FE458031815448534D31738021408107FA";
    private static final String NO_SUCH_READER = "schsm CDS training: no such reader";
    /** Compiling and running a suite loads what `schsm test`, `run` and `shell` share: Groovy. */
    private static final String SUITE = """
            suite('CDS training') {
                setup { send '00 A4 04 00 0B %s 00', sw: 0x9000 }
                testcase('status queries') {
                    3.times { send '00 20 00 81', sw: [0x6A88, '63CX'] }
                    assert hsm != null
                }
            }
            """.formatted(SmartCardHsm.AID_HEX);

    private CdsTraining() {
    }

    /**
     * {@code args[0]}: the state file of a throw-away simulated card; {@code --aot} after it: the
     * training of a JDK 25 ahead-of-time cache, which leaves out Groovy and the classes no command
     * here reaches. Such a cache loads and links every class it holds when the JVM starts (that
     * is its gain), so whatever it holds, every command pays for; a CDS archive's classes cost
     * nothing until they are used.
     */
    public static void main(String[] args) {
        if (args.length < 1 || args.length > 2 || (args.length == 2 && !args[1].equals("--aot"))) {
            System.err.println("usage: CdsTraining STATE-FILE [--aot]");
            System.exit(ExitCode.BAD_INPUT);
        }
        String state = args[0];
        boolean aot = args.length == 2;
        Path suite = Path.of(state).resolveSibling("cds-training-suite.groovy");
        try {
            Files.writeString(suite, SUITE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the training suite " + suite, e);
        }
        List<List<String>> commands = List.of(
                List.of("-r", "sim", "--sim-state", state, "status"),
                List.of("-r", "sim", "--sim-state", state, "status", "--json"),
                List.of("-r", "sim", "--sim-state", state, "pin", "status"),
                List.of("atr", HSM_ATR),
                List.of("--version"),
                List.of("--help"),
                List.of("readers"),
                List.of("-r", NO_SUCH_READER, "status"),
                List.of("-r", NO_SUCH_READER, "send", "--raw", "00 A4 04 00 0B " + SmartCardHsm.AID_HEX + " 00"),
                List.of("-r", "sim", "--sim-state", state, "test", suite.toString()));
        try {
            // The JDK's provider (SCHSM_PCSC_PROVIDER=sun): its classes load on the first listing.
            new org.schsm.transport.PcscReaders(org.schsm.transport.PcscProvider.SUN).list(false);
        } catch (RuntimeException noPcsc) {
            System.out.println("JDK PC/SC provider: " + noPcsc.getMessage());
        }
        trainPcscConnection();
        for (List<String> command : commands) {
            if (aot && command.contains("test")) {
                continue;
            }
            StringWriter sink = new StringWriter();
            PrintWriter w = new PrintWriter(sink);
            int code = Main.run(command.toArray(String[]::new), w, w);
            System.out.println("exit " + code + ": schsm " + String.join(" ", command));
        }
        if (aot) {
            return;
        }
        System.out.println("classes of schsm loaded besides: " + loadEveryClass(Main.class, SmartCardHsm.class,
                org.schsm.simulator.SimulatedCard.class));
    }

    /**
     * What opening a PC/SC reader runs besides the listing, which the commands above never reach
     * without a card: the connection's worker thread and its executor, the lambdas of the connect
     * step, and javax.smartcardio's ATR and APDU classes. The open fails (no such reader, or no
     * pcscd) after they have loaded; status on a reader then takes them from the archive instead
     * of generating the lambdas and parsing the classes on every start (docs/performance.md).
     */
    private static void trainPcscConnection() {
        try (org.schsm.transport.PcscTransport unexpected =
                     org.schsm.transport.PcscTransport.open(NO_SUCH_READER, org.schsm.transport.PcscProvider.JNA)) {
            System.out.println("PC/SC training: opened " + unexpected.name());
        } catch (RuntimeException expected) {
            System.out.println("PC/SC training: " + expected.getMessage());
        }
        for (String name : List.of("javax.smartcardio.ATR", "javax.smartcardio.CommandAPDU", "javax.smartcardio.ResponseAPDU")) {
            try {
                Class.forName(name, false, CdsTraining.class.getClassLoader());
            } catch (ClassNotFoundException | LinkageError e) {
                System.out.println("not archived: " + name + " (" + e + ")");
            }
        }
    }

    /**
     * Loads, without initialising, every class of the jars (or directories) that hold the given
     * classes, so that the archive holds all of schsm's own classes and not only those the
     * commands above happened to reach: the PC/SC transport's connection classes (no card is
     * touched here), and every command's classes, those of commands added later included, which
     * then start as fast as {@code status} (issue 19). Loading runs no static initialiser; a
     * class that cannot load is left out of the archive and loads from its jar, as before.
     */
    private static int loadEveryClass(Class<?>... anchors) {
        int loaded = 0;
        ClassLoader loader = CdsTraining.class.getClassLoader();
        for (Class<?> anchor : anchors) {
            Path source;
            try {
                source = Path.of(anchor.getProtectionDomain().getCodeSource().getLocation().toURI());
            } catch (java.net.URISyntaxException | RuntimeException e) {
                continue;
            }
            for (String name : classNames(source)) {
                try {
                    Class.forName(name, false, loader);
                    loaded++;
                } catch (ClassNotFoundException | LinkageError e) {
                    System.out.println("not archived: " + name + " (" + e + ")");
                }
            }
        }
        return loaded;
    }

    private static List<String> classNames(Path source) {
        List<String> names = new java.util.ArrayList<>();
        try {
            if (Files.isDirectory(source)) {
                try (var files = Files.walk(source)) {
                    files.map(f -> source.relativize(f).toString().replace(java.io.File.separatorChar, '/'))
                            .forEach(n -> addClassName(n, names));
                }
            } else {
                try (var jar = new java.util.jar.JarFile(source.toFile())) {
                    jar.stream().forEach(e -> addClassName(e.getName(), names));
                }
            }
        } catch (IOException e) {
            System.out.println("cannot list " + source + ": " + e);
        }
        return names;
    }

    private static void addClassName(String entry, List<String> names) {
        if (entry.startsWith("org/schsm/") && entry.endsWith(".class") && !entry.endsWith("module-info.class")) {
            names.add(entry.substring(0, entry.length() - ".class".length()).replace('/', '.'));
        }
    }
}
