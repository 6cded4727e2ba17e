package org.schsm.conformance;

import groovy.lang.Closure;
import groovy.lang.Script;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Base class of every suite file: gives the script the top-level {@code suite(...)} keyword.
 * Running the script only collects definitions; no APDU is sent until the runner runs a case.
 */
public abstract class SuiteScript extends Script {
    private final List<Suite> suites = new ArrayList<>();

    /** {@code suite('name') { setup {...}; testcase('...') {...} }} */
    public void suite(String name, Closure<?> body) {
        suite(Map.of(), name, body);
    }

    public void suite(Map<String, ?> attributes, String name, Closure<?> body) {
        if (name == null || name.isBlank()) {
            throw new SuiteDefinitionException("suite: a suite needs a name");
        }
        for (String key : attributes.keySet()) {
            throw new SuiteDefinitionException("suite '" + name + "': unknown attribute '" + key + ":'");
        }
        SuiteBuilder builder = new SuiteBuilder(name);
        Closure<?> c = (Closure<?>) body.clone();
        c.setDelegate(builder);
        c.setResolveStrategy(Closure.DELEGATE_FIRST);
        c.call();
        suites.add(builder.build(sourceName()));
    }

    List<Suite> definedSuites() {
        return List.copyOf(suites);
    }

    private String sourceName() {
        Object source = getBinding().hasVariable(SuiteLoader.SOURCE_VARIABLE)
                ? getBinding().getVariable(SuiteLoader.SOURCE_VARIABLE) : null;
        return source == null ? "" : source.toString();
    }
}
