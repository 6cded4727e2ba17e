package org.schsm.conformance;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.schsm.cli.Main;

/** Runs {@code schsm ... test ...} in-process through {@link Main}, so the inherited -r/--sim-state/-v apply. */
final class TestCli {
    private TestCli() {
    }

    static Result run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
        return new Result(code, out.toString(), err.toString());
    }

    record Result(int exitCode, String out, String err) {
        String lastLine() {
            String[] lines = out.strip().split("\\R");
            return lines[lines.length - 1];
        }

        @Override
        public String toString() {
            return "exit " + exitCode + "\n--- out\n" + out + "--- err\n" + err;
        }
    }
}
