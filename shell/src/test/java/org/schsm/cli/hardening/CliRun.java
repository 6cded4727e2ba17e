package org.schsm.cli.hardening;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.schsm.cli.Main;

/**
 * Runs {@link Main#run} in-process and captures everything the command could print: its out and
 * err writers, anything written to {@code System.out}/{@code System.err}, and every
 * {@code java.util.logging} record (the default backend of {@code System.Logger}) at any level.
 */
final class CliRun {
    private CliRun() {
    }

    record Result(int exitCode, String out, String err, String stray, long millis) {
        String everything() {
            return out + "\n" + err + "\n" + stray;
        }

        List<String> errLines() {
            return err.lines().filter(l -> !l.isBlank()).toList();
        }

        @Override
        public String toString() {
            return "exit " + exitCode + " in " + millis + " ms\n--- out\n" + out + "--- err\n" + err
                    + "--- System.out/err and log records\n" + stray;
        }
    }

    static synchronized Result run(String... args) {
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
        return new Result(code, out.toString(), err.toString(), strayText, millis);
    }
}
