package org.schsm.testkit;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.schsm.cli.Main;

/**
 * The one way tests run the {@code schsm} command line: {@link Main#run} in this JVM, with its
 * out and err captured. {@link #onSimulator} and {@link #onReader} put the card options in
 * front of every command line; {@link #capturingStrayOutput} also captures what the command
 * should never print (anything written to {@code System.out}/{@code System.err}, and every
 * {@code java.util.logging} record, the default backend of {@code System.Logger}, at any level).
 */
public final class InProcessSchsm {
    private final List<String> prefix;
    private final boolean captureStray;

    private InProcessSchsm(List<String> prefix, boolean captureStray) {
        this.prefix = prefix;
        this.captureStray = captureStray;
    }

    /** {@code schsm ARGS...} exactly as given. */
    public static SchsmRun schsm(String... args) {
        return new InProcessSchsm(List.of(), false).run(args);
    }

    /** {@code schsm -r sim --sim-state STATE ...}: the embedded simulator, its card kept in {@code state}. */
    public static InProcessSchsm onSimulator(Path state) {
        return new InProcessSchsm(List.of("-r", "sim", "--sim-state", state.toString()), false);
    }

    /** {@code schsm -r READER ...}. */
    public static InProcessSchsm onReader(String reader) {
        return new InProcessSchsm(List.of("-r", reader), false);
    }

    /** The same command lines, with {@link SchsmRun#stray()} filled in. */
    public static InProcessSchsm capturingStrayOutput() {
        return new InProcessSchsm(List.of(), true);
    }

    /** Runs {@code schsm PREFIX... ARGS...}. */
    public SchsmRun run(String... args) {
        List<String> all = new ArrayList<>(prefix);
        all.addAll(Arrays.asList(args));
        String[] argv = all.toArray(String[]::new);
        return captureStray ? runCapturing(argv) : runPlain(argv);
    }

    private static SchsmRun runPlain(String[] args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        long start = System.nanoTime();
        int code = Main.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
        long millis = (System.nanoTime() - start) / 1_000_000;
        return new SchsmRun(List.of(args), code, out.toString(), err.toString(), "", millis);
    }

    /** Synchronized: System.out/err and the root logger are the JVM's, one capture at a time. */
    private static synchronized SchsmRun runCapturing(String[] args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        ByteArrayOutputStream stray = new ByteArrayOutputStream();
        PrintStream oldOut = System.out;
        PrintStream oldErr = System.err;
        Logger root = Logger.getLogger("");
        Level oldLevel = root.getLevel();
        List<String> records = new ArrayList<>();
        Handler capture = new Handler() {
            @Override
            public void publish(LogRecord r) {
                records.add(r.getLevel() + " " + r.getLoggerName() + " " + r.getMessage()
                        + (r.getParameters() == null ? "" : " " + List.of(r.getParameters()))
                        + (r.getThrown() == null ? "" : " " + r.getThrown()));
            }

            @Override
            public void flush() {
                // records are kept in memory
            }

            @Override
            public void close() {
                // nothing to release
            }
        };
        capture.setLevel(Level.ALL);
        root.setLevel(Level.ALL);
        root.addHandler(capture);
        PrintStream tee = new PrintStream(stray, true, StandardCharsets.UTF_8);
        System.setOut(tee);
        System.setErr(tee);
        long start = System.nanoTime();
        int code;
        try {
            code = Main.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
        } finally {
            System.setOut(oldOut);
            System.setErr(oldErr);
            root.removeHandler(capture);
            root.setLevel(oldLevel);
        }
        long millis = (System.nanoTime() - start) / 1_000_000;
        String strayText = stray.toString(StandardCharsets.UTF_8) + String.join("\n", records);
        return new SchsmRun(List.of(args), code, out.toString(), err.toString(), strayText, millis);
    }
}
