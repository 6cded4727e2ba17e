package org.schsm.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.schsm.simulator.SimulatorTransport;

/** Runs a shipped conformance suite on a fresh simulated card and insists that every case passes with a reference. */
final class FreshCardSuite {
    private FreshCardSuite() {
    }

    static void assertPasses(Path suite, int minimumPassed) throws Exception {
        List<Suite> suites = SuiteLoader.load(suite);
        RunResult run;
        try (SimulatorTransport card = SimulatorTransport.withFreshCard()) {
            run = new SuiteRunner(RunOptions.DEFAULT, RunListener.NONE).run(suites, card, "sim:fresh");
        }
        String failures = run.cases().stream().filter(CaseResult::failed)
                .map(c -> c.suite() + " / " + c.name() + ": " + c.message()).reduce("", (a, b) -> a + "\n" + b);
        assertEquals(0, run.failed(), failures);
        assertEquals(0, run.skipped());
        assertTrue(run.passed() >= minimumPassed, "passed " + run.passed());
        assertTrue(run.cases().stream().allMatch(c -> !c.reference().isEmpty()), "every case has a reference");
    }
}
