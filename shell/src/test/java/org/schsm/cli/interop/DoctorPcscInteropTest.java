package org.schsm.cli.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.schsm.session.ExitCode;
import org.schsm.testkit.InProcessSchsm;
import org.schsm.testkit.InteropTest;
import org.schsm.testkit.Requirement;
import org.schsm.testkit.SchsmRun;

/** schsm doctor against the real pcscd: vpcd's reader without a card, then with the simulated card in it. */
@InteropTest({Requirement.PCSCD, Requirement.VPCD_DRIVER, Requirement.VPCD_READER})
@Timeout(120)
class DoctorPcscInteropTest {
    @TempDir
    Path dir;

    private static String[] run(String... args) {
        SchsmRun r = InProcessSchsm.schsm(args);
        return new String[] {Integer.toString(r.exitCode()), r.out(), r.err()};
    }

    @Test
    void emptyVirtualReaderIsDiagnosedAsNoCardThenTheCardIsExamined() throws Exception {
        String[] empty = run("-r", CardInReader.NAME, "doctor", "--json");
        assertEquals(Integer.toString(ExitCode.NO_CARD), empty[0], String.join("\n", empty));
        JsonObject pcsc = JsonParser.parseString(empty[1]).getAsJsonObject().getAsJsonObject("pcsc");
        assertEquals("NO_CARD", pcsc.get("problem").getAsString(), empty[1]);
        assertTrue(pcsc.get("fixes").toString().contains("schsm sim serve"), empty[1]);

        try (CardInReader reader = CardInReader.insertFresh(dir.resolve("card.state"))) {
            String[] withCard = run("-r", CardInReader.NAME, "doctor");
            assertEquals(Integer.toString(ExitCode.OK), withCard[0], String.join("\n", withCard));
            assertTrue(!withCard[1].contains("PC/SC:"), withCard[1]);
        }
    }
}
