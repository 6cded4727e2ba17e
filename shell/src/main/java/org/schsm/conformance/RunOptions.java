package org.schsm.conformance;

import java.util.Locale;

/**
 * How to run: which cases ({@code filter}, a case-insensitive fragment of "suite / case" or of
 * the reference; empty selects all) and whether to stop at the first failure.
 */
public record RunOptions(String filter, boolean failFast) {
    public static final RunOptions DEFAULT = new RunOptions("", false);

    public RunOptions {
        filter = filter == null ? "" : filter.trim();
    }

    public boolean selects(Suite suite, TestCase testCase) {
        if (filter.isEmpty()) {
            return true;
        }
        String f = filter.toLowerCase(Locale.ROOT);
        return (suite.name() + " / " + testCase.name()).toLowerCase(Locale.ROOT).contains(f)
                || testCase.reference().toLowerCase(Locale.ROOT).contains(f);
    }
}
