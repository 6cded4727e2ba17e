package org.schsm.session;

import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;

/**
 * {@code --dry-run}: what a command that changes devices would do on each device, nothing sent
 * that changes one. Mixed into exactly the commands {@code org.schsm.fleet.FleetRun} can plan
 * (with {@link FleetOptions}); the root takes it too, before the command name, and there it is
 * refused for any other command, so a command whose help does not show it never ignores it.
 */
public final class DryRunOption {
    /** The root command's spelling, before the command name. */
    public static final String DRY_RUN = "--dry-run";

    @Option(names = DRY_RUN, description = "Show what would run on which device (secrets as **); change nothing.")
    boolean dryRun;

    /** Filled in by picocli (a provisioning command's mixin). */
    public DryRunOption() {
    }

    /** Whether {@code command} can be planned with {@code --dry-run}: it mixes this option in. */
    public static boolean declaredBy(CommandSpec command) {
        return FleetOptions.mixin(command, DryRunOption.class) != null;
    }

    /** Whether the command line {@code command} belongs to asks for a dry run, after the command's name or before it. */
    public static boolean requested(CommandSpec command) {
        DryRunOption own = FleetOptions.mixin(command, DryRunOption.class);
        return own != null && own.dryRun || Boolean.TRUE.equals(FleetOptions.rootValue(command, DRY_RUN));
    }
}
