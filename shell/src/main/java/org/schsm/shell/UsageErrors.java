package org.schsm.shell;

import java.util.regex.Pattern;
import picocli.CommandLine;

/**
 * The one line a script's usage error prints. picocli quotes the offending values
 * ({@code Unmatched argument at index 1: '648219'}); a mistyped command line may put a PIN
 * there, so quoted values are shown as {@code '**'} unless they are option names.
 */
final class UsageErrors {
    private static final Pattern QUOTED_VALUE = Pattern.compile("'(?!-)[^']*'");

    private UsageErrors() {
    }

    static String masked(CommandLine.ParameterException e) {
        String message = e.getMessage() == null ? "usage error" : e.getMessage();
        return QUOTED_VALUE.matcher(message).replaceAll("'**'");
    }
}
