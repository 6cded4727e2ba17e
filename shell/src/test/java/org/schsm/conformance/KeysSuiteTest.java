package org.schsm.conformance;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** scripts/conformance/sc-hsm-keys.groovy passes on a fresh simulated card, every case with a reference. */
class KeysSuiteTest {
    static final Path SUITE = Path.of("..", "scripts", "conformance", "sc-hsm-keys.groovy");

    @Test
    void keysSuitePassesOnAFreshSimulatedCard() throws Exception {
        FreshCardSuite.assertPasses(SUITE, 40);
    }
}
