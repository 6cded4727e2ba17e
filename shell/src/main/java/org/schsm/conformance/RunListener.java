package org.schsm.conformance;

/** Told about progress, e.g. to draw a progress bar. */
public interface RunListener {
    RunListener NONE = new RunListener() {
    };

    /** Before the first case; {@code total} counts the cases the filter selected. */
    default void started(String card, int total) {
    }

    default void caseFinished(CaseResult result) {
    }

    default void finished(RunResult result) {
    }
}
