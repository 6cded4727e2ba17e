package org.schsm.conformance;

import java.util.List;

/**
 * What happened to one case on one card.
 *
 * @param message     one line for a failure, error or skip; empty when passed
 * @param description the text given with {@code description} inside the case, if any
 * @param notes       lines the case wrote with {@code note}
 * @param exchanges   every APDU of setup, case and teardown, in order
 */
public record CaseResult(String suite, String name, String reference, Status status, String message,
                         String description, List<String> notes, List<Exchange> exchanges, long nanos) {

    public enum Status {
        PASSED,
        /** An expectation or assertion was not met: the card behaves differently. */
        FAILED,
        /** The suite itself is wrong (bad hex, unknown keyword, Groovy error); counted as failed. */
        ERROR,
        SKIPPED
    }

    public CaseResult {
        notes = List.copyOf(notes);
        exchanges = List.copyOf(exchanges);
    }

    public boolean failed() {
        return status == Status.FAILED || status == Status.ERROR;
    }
}
