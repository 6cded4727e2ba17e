package org.schsm.conformance;

import java.util.List;

/**
 * All case results of one run on one card.
 *
 * @param card       the card's label (what was given after {@code -r}, or the reader name)
 * @param cardLost   the card or reader went away during the run; the remaining cases were skipped
 */
public record RunResult(String card, List<CaseResult> cases, boolean cardLost) {
    public RunResult {
        cases = List.copyOf(cases);
    }

    public long count(CaseResult.Status status) {
        return cases.stream().filter(c -> c.status() == status).count();
    }

    public long passed() {
        return count(CaseResult.Status.PASSED);
    }

    /** Failures and suite errors. */
    public long failed() {
        return cases.stream().filter(CaseResult::failed).count();
    }

    public long skipped() {
        return count(CaseResult.Status.SKIPPED);
    }

    public boolean suiteErrors() {
        return count(CaseResult.Status.ERROR) > 0;
    }
}
