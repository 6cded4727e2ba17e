package org.schsm.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import org.schsm.atr.Atr;
import org.schsm.session.ExitCode;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code schsm atr HEX}: decode an ATR per ISO 7816-3 without touching any card. */
@Command(name = "atr", description = "Decode an answer-to-reset (ISO 7816-3).")
public final class AtrCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(arity = "1..*", paramLabel = "HEX", description = "The ATR in hex; may be split over several arguments.")
    java.util.List<String> hex;

    @Override
    public Integer call() {
        Atr atr = Atr.parse(String.join(" ", hex));
        PrintWriter out = spec.commandLine().getOut();
        for (String line : atr.describe()) {
            out.println(line);
        }
        return ExitCode.OK;
    }
}
