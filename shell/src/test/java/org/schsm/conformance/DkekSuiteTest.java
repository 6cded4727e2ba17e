package org.schsm.conformance;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** scripts/conformance/sc-hsm-dkek.groovy passes on a fresh simulated card, every case with a reference. */
class DkekSuiteTest {
    static final Path SUITE = Path.of("..", "scripts", "conformance", "sc-hsm-dkek.groovy");

    @Test
    void dkekSuitePassesOnAFreshSimulatedCard() throws Exception {
        FreshCardSuite.assertPasses(SUITE, 25);
    }
}
