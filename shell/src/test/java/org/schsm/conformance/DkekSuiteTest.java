package org.schsm.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.schsm.conformance.dsl.SuiteLoader;
import org.schsm.simulator.SimulatorTransport;

/** scripts/conformance/sc-hsm-dkek.groovy passes on a fresh simulated card, every case with a reference. */
class DkekSuiteTest {
    static final Path SUITE = Path.of("..", "scripts", "conformance", "sc-hsm-dkek.groovy");

    @Test
    void dkekSuitePassesOnAFreshSimulatedCard() throws Exception {
        List<Suite> suites = SuiteLoader.load(SUITE);
        RunResult run;
        try (SimulatorTransport card = SimulatorTransport.withFreshCard()) {
            run = new SuiteRunner(RunOptions.DEFAULT, RunListener.NONE).run(suites, card, "sim:fresh");
        }
        String failures = run.cases().stream().filter(CaseResult::failed)
                .map(c -> c.suite() + " / " + c.name() + ": " + c.message()).reduce("", (a, b) -> a + "\n" + b);
        assertEquals(0, run.failed(), failures);
        assertEquals(0, run.skipped());
        assertTrue(run.passed() >= 25, "passed " + run.passed());
        assertTrue(run.cases().stream().allMatch(c -> !c.reference().isEmpty()), "every case has a reference");
    }
}
