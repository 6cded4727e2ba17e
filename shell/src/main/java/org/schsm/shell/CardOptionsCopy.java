package org.schsm.shell;

import java.util.ArrayList;
import java.util.List;
import org.schsm.cli.CardOptions;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/**
 * Builds {@link CardOptions} from arguments, as picocli would on the command line: {@code connect(name)}
 * keeps the session's state file and trace flag and changes the reader; tests make options this way.
 */
final class CardOptionsCopy {
    @Command(name = "options")
    static final class Holder {
        @Mixin
        CardOptions options;
    }

    private CardOptionsCopy() {
    }

    static CardOptions parse(String... args) {
        Holder holder = new Holder();
        new CommandLine(holder).parseArgs(args);
        return holder.options;
    }

    static CardOptions withReader(CardOptions base, String reader) {
        List<String> args = new ArrayList<>(List.of("-r", reader, "--sim-state", base.simState().toString()));
        if (base.trace()) {
            args.add("-v");
        }
        return parse(args.toArray(String[]::new));
    }
}
