package org.schsm.shell;

import picocli.CommandLine;

/**
 * Makes everything after the script name an argument of the script ({@code schsm run s.groovy -v x}
 * passes {@code -v} to the script), as {@code java} and {@code groovy} do.
 */
public final class StopAtPositional implements CommandLine.IModelTransformer {
    @Override
    public CommandLine.Model.CommandSpec transform(CommandLine.Model.CommandSpec spec) {
        spec.parser().stopAtPositional(true);
        return spec;
    }
}
