package org.schsm.session;

import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Option;

/**
 * {@code --parallel N}: how many devices of a reader set ({@code -r all}, a glob, a list) are
 * worked on at the same time. A command that can run over a reader set mixes this in, and the
 * mixin is the one list of such commands: their help shows the option, {@code org.schsm.fleet.FleetRun}
 * fans them out, and every other command refuses a reader set. The root command takes
 * {@code --parallel} as well, so that {@code schsm -r all --parallel 4 status} reads as
 * {@code schsm -r all status --parallel 4}; before any other command it is refused.
 */
public final class FleetOptions {
    /** The root command's spelling, before the command name. */
    public static final String PARALLEL = "--parallel";

    @Option(names = PARALLEL, paramLabel = "N",
            description = "With a reader set (-r all, a glob, a list): how many devices are worked on at the same time (default 1).")
    Integer parallel;

    /** Filled in by picocli (a fleet command's mixin). */
    public FleetOptions() {
    }

    /** Whether {@code command} can run over a reader set: it mixes these options in. */
    public static boolean declaredBy(CommandSpec command) {
        return mixin(command, FleetOptions.class) != null;
    }

    /**
     * The {@code --parallel} of the command line {@code command} belongs to: given after the
     * command's name, else before it (the root's), else 1.
     */
    public static int parallel(CommandSpec command) {
        FleetOptions own = mixin(command, FleetOptions.class);
        Integer n = own != null && own.parallel != null ? own.parallel : parallelBeforeCommand(command);
        return n != null ? n : 1;
    }

    /** {@code --parallel} as given before the command's name, or null. */
    public static Integer parallelBeforeCommand(CommandSpec command) {
        return rootValue(command, PARALLEL);
    }

    /** The mixin of type {@code type} in {@code command}, or null. */
    static <T> T mixin(CommandSpec command, Class<T> type) {
        for (CommandSpec m : command.mixins().values()) {
            if (type.isInstance(m.userObject())) {
                return type.cast(m.userObject());
            }
        }
        return null;
    }

    /** The value of the root's own option {@code name} (null when there is none or it was not given). */
    static <T> T rootValue(CommandSpec command, String name) {
        CommandSpec root = command.root();
        OptionSpec option = root == command ? null : root.findOption(name);
        return option != null ? option.getValue() : null;
    }
}
