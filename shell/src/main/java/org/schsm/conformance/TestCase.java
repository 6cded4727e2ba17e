package org.schsm.conformance;

import java.util.Objects;

/**
 * One case of a suite.
 *
 * @param reference where the expected behaviour is specified, e.g. {@code protocol §3.2} (docs/protocol.md); may be empty
 */
public record TestCase(String name, String reference, CaseBody body) {
    public TestCase {
        Objects.requireNonNull(name, "name");
        reference = reference == null ? "" : reference;
        Objects.requireNonNull(body, "body");
    }
}
