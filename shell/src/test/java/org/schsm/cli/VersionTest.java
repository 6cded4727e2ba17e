package org.schsm.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.schsm.session.ExitCode;
import org.schsm.testkit.InProcessSchsm;
import org.schsm.testkit.SchsmRun;

/** schsm --version says what a bug report needs: schsm, Java, the PC/SC provider, jCardSim. */
class VersionTest {
    @Test
    void versionNamesSchsmJavaPcscProviderAndJCardSim() {
        SchsmRun r = InProcessSchsm.schsm("--version");
        assertEquals(ExitCode.OK, r.exitCode(), r::toString);
        List<String> lines = r.out().lines().toList();
        assertEquals(4, lines.size(), r::toString);
        assertTrue(lines.get(0).matches("schsm \\d+\\.\\d+\\.\\d+.*"), r::toString);
        assertTrue(lines.get(1).startsWith("Java " + System.getProperty("java.version") + " ("
                + System.getProperty("java.vendor")), r::toString);
        String provider = System.getenv("SCHSM_PCSC_PROVIDER");
        String expected = provider != null && provider.equalsIgnoreCase("sun") ? "PC/SC provider SunPCSC" : "PC/SC provider jnasmartcardio 0.";
        assertTrue(lines.get(2).startsWith(expected), r::toString);
        assertTrue(lines.get(2).matches(".*\\d+\\.\\d+\\.\\d+.*"), r::toString);
        assertTrue(lines.get(3).matches("jCardSim \\d+\\.\\d+\\.\\d+.*"), r::toString);
        assertEquals(r.out(), InProcessSchsm.schsm("-V").out());
    }
}
