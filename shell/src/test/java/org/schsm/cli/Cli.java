package org.schsm.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Runs the schsm command line in-process against a simulated card kept in {@code stateFile}. */
final class Cli {
    private final Path stateFile;

    Cli(Path stateFile) {
        this.stateFile = stateFile;
    }

    Result run(String... args) {
        List<String> all = new ArrayList<>(List.of("-r", "sim", "--sim-state", stateFile.toString()));
        all.addAll(Arrays.asList(args));
        return runBare(all.toArray(String[]::new));
    }

    static Result runBare(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
        return new Result(code, out.toString(), err.toString());
    }

    record Result(int exitCode, String out, String err) {
        String all() {
            return out + err;
        }

        @Override
        public String toString() {
            return "exit " + exitCode + "\n--- out\n" + out + "--- err\n" + err;
        }
    }
}
