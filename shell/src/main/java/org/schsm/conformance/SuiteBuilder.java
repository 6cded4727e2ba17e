package org.schsm.conformance;

import groovy.lang.Closure;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The delegate of a {@code suite} closure: {@code setup}, {@code teardown}, {@code testcase}. */
public final class SuiteBuilder {
    private static final Set<String> CASE_ATTRIBUTES = Set.of("ref");

    private final String name;
    private final List<CaseBody> setups = new ArrayList<>();
    private final List<CaseBody> teardowns = new ArrayList<>();
    private final List<TestCase> cases = new ArrayList<>();
    private final Set<String> caseNames = new HashSet<>();

    SuiteBuilder(String name) {
        this.name = name;
    }

    public void setup(Closure<?> body) {
        setups.add(new ClosureBody(body));
    }

    public void teardown(Closure<?> body) {
        teardowns.add(new ClosureBody(body));
    }

    public void testcase(String caseName, Closure<?> body) {
        testcase(Map.of(), caseName, body);
    }

    public void testcase(Map<String, ?> attributes, String caseName, Closure<?> body) {
        if (caseName == null || caseName.isBlank()) {
            throw new SuiteDefinitionException("suite '" + name + "': a testcase needs a name");
        }
        for (String key : attributes.keySet()) {
            if (!CASE_ATTRIBUTES.contains(key)) {
                throw new SuiteDefinitionException("testcase '" + caseName + "': unknown attribute '" + key
                        + ":' (known: " + String.join(", ", CASE_ATTRIBUTES) + ")");
            }
        }
        if (!caseNames.add(caseName)) {
            throw new SuiteDefinitionException("suite '" + name + "': two testcases are named '" + caseName + "'");
        }
        Object ref = attributes.get("ref");
        cases.add(new TestCase(caseName, ref == null ? "" : ref.toString(), new ClosureBody(body)));
    }

    Suite build(String source) {
        if (cases.isEmpty()) {
            throw new SuiteDefinitionException("suite '" + name + "' has no testcase");
        }
        return new Suite(name, source, setups, teardowns, cases);
    }
}
