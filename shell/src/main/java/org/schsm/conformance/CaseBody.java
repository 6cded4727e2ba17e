package org.schsm.conformance;

/** The code of a case, a setup or a teardown, run with the card through a {@link CaseContext}. */
@FunctionalInterface
public interface CaseBody {
    void run(CaseContext context) throws Exception;
}
