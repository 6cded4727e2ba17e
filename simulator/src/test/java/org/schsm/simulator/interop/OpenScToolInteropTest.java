package org.schsm.simulator.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.schsm.testkit.HsmConstants;
import org.schsm.testkit.InteropTest;
import org.schsm.testkit.ProcessResult;
import org.schsm.testkit.ProcessRunner;
import org.schsm.testkit.Requirement;

/**
 * A scripted card in the vpcd reader, seen through pcscd by {@code opensc-tool}: the bridge on its
 * own, without the simulated applet.
 */
@InteropTest({Requirement.PCSCD, Requirement.VPCD_DRIVER, Requirement.OPENSC_TOOL, Requirement.VPCD_READER})
@Timeout(60)
class OpenScToolInteropTest {
    private ApduRecorder card;
    private VirtualReader reader;

    @BeforeEach
    void insertCard() throws InterruptedException {
        card = new ApduRecorder(new ScriptedScHsmCard());
        reader = VirtualReader.insert(card);
    }

    @AfterEach
    void removeCard() {
        if (reader != null) {
            reader.close();
        }
    }

    @Test
    void listsTheVirtualReaderWithACardInIt() {
        ProcessResult result = ProcessRunner.run("opensc-tool", "-l");
        assertTrue(result.succeeded(), result.describe());
        List<String> line = result.stdout().lines().filter(l -> l.trim().endsWith(VirtualReader.NAME)).toList();
        assertEquals(1, line.size(), result.describe());
        assertEquals("Yes", line.get(0).trim().split("\\s+")[1], result.describe());
    }

    @Test
    void printsTheSmartCardHsmAtr() {
        ProcessResult result = ProcessRunner.run("opensc-tool", "-r", VirtualReader.NAME, "-a");
        assertTrue(result.succeeded(), result.describe());
        assertEquals(ScriptedScHsmCard.ATR_OPENSC, result.stdout().trim(), result.describe());
    }

    @Test
    void namesTheCardFromTag85OfTheFcp() {
        ProcessResult result = ProcessRunner.run("opensc-tool", "-r", VirtualReader.NAME, "-n");
        card.save("opensc-tool-n");
        assertTrue(result.succeeded(), result.describe());
        assertEquals(ScriptedScHsmCard.NAME, result.stdout().trim(), result.describe());
        ApduRecorder.Exchange select = card.first("00 A4 04 00 0B " + HsmConstants.AID);
        assertEquals("9000", select.swHex());
        assertTrue(select.command().endsWith(" 00"), "OpenSC asks for the FCP with Le 00: " + select.command());
    }

    @Test
    void aCommandTheCardDoesNotKnowIsAnsweredAndTheSessionContinues() {
        // GET CHALLENGE through the reader: the scripted card answers 6D00, OpenSC reports it.
        ProcessResult result = ProcessRunner.run("opensc-tool", "-r", VirtualReader.NAME, "-s", "00 84 00 00 08");
        assertTrue(result.succeeded(), result.describe());
        assertTrue(result.stdout().contains("SW1=0x6D, SW2=0x00"), result.describe());
        assertTrue(card.sent("00 84 00 00 08"), card.transcript());
    }
}
