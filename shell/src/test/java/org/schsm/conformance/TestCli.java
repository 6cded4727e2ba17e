package org.schsm.conformance;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.schsm.cli.Main;
import picocli.CommandLine;

/**
 * Runs {@code schsm ... test ...} in-process with {@link TestCommand} registered under the real
 * root command, as Main will register it, so the inherited -r/--sim-state/-v apply.
 */
final class TestCli {
    private TestCli() {
    }

    static Result run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cl = new CommandLine(new Main());
        cl.addSubcommand("test", new TestCommand());
        cl.setAllowSubcommandsAsOptionParameters(true);
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        int code = cl.execute(args);
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
