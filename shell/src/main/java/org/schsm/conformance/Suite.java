package org.schsm.conformance;

import java.util.List;
import java.util.Objects;

/**
 * A named list of cases with the setup run before each case and the teardown run after each
 * (also after a failure), so every case starts from the state the setup makes.
 *
 * @param source where the suite was read from (file name), for reports
 */
public record Suite(String name, String source, List<CaseBody> setups, List<CaseBody> teardowns, List<TestCase> cases) {
    public Suite {
        Objects.requireNonNull(name, "name");
        source = source == null ? "" : source;
        setups = List.copyOf(setups);
        teardowns = List.copyOf(teardowns);
        cases = List.copyOf(cases);
    }
}
