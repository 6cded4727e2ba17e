package org.schsm.conformance;

import org.schsm.InvalidInputException;

/** A suite file cannot be used as written: syntax, an unknown keyword, a malformed expectation. */
public final class SuiteDefinitionException extends InvalidInputException {
    public SuiteDefinitionException(String message) {
        super(message);
    }
}
