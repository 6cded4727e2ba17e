package org.schsm.cli.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.schsm.session.ExitCode;
import org.schsm.testkit.InteropTest;
import org.schsm.testkit.PcscEnvironment;
import org.schsm.testkit.ProcessResult;
import org.schsm.testkit.Requirement;
import org.schsm.testkit.SchsmRun;

/**
 * {@code schsm status --json} over real PC/SC and {@code sc-hsm-tool} read the same card and must
 * agree field by field: version, config options, SO-PIN and user-PIN tries left, DKEK shares.
 */
@InteropTest({Requirement.PCSCD, Requirement.VPCD_DRIVER, Requirement.OPENSC_TOOL, Requirement.VPCD_READER,
        Requirement.SC_HSM_TOOL})
@Timeout(240)
class StatusAgreementInteropTest extends CardInReaderTest {
    @Test
    void freshCardBothSayNeverInitializedWithTheSameVersion() throws Exception {
        reader = CardInReader.insertFresh(dir.resolve("card.state"));

        JsonObject schsm = StatusAgreement.schsmStatus();
        ScHsmToolStatus tool = ScHsmToolStatus.parse(Tools.scHsmTool());

        assertTrue(tool.neverInitialized(), tool.toString());
        assertFalse(schsm.get("initialized").getAsBoolean(), schsm.toString());
        assertFalse(schsm.get("simulated").getAsBoolean(), "must have gone through PC/SC: " + schsm);
        StatusAgreement.assertAgree(schsm, tool);
    }

    @Test
    void afterScHsmToolInitializeBothReportOptionsAndFullCounters() throws Exception {
        reader = CardInReader.insertFresh(dir.resolve("card.state"));
        Tools.initialize("--dkek-shares", "1");

        JsonObject schsm = StatusAgreement.schsmStatus();
        ScHsmToolStatus tool = ScHsmToolStatus.parse(Tools.scHsmTool());

        assertEquals(List.of("User PIN reset with SO-PIN enabled"), tool.optionNames(), tool.toString());
        assertEquals(Optional.of(15), tool.soTriesLeft());
        assertEquals(Optional.of(3), tool.userTriesLeft());
        assertEquals(Optional.of(1), tool.dkekShares());
        assertEquals(Optional.of(1), tool.dkekOutstanding());
        assertEquals("0001", schsm.get("options").getAsString(), schsm.toString());
        assertTrue(schsm.get("initialized").getAsBoolean(), schsm.toString());
        assertFalse(schsm.get("transportPin").getAsBoolean(), schsm.toString());
        StatusAgreement.assertAgree(schsm, tool);
    }

    @Test
    void afterInitializeWithoutDkekBothReportZeroShares() throws Exception {
        reader = CardInReader.insertFresh(dir.resolve("card.state"));
        Tools.initialize();

        JsonObject schsm = StatusAgreement.schsmStatus();
        ScHsmToolStatus tool = ScHsmToolStatus.parse(Tools.scHsmTool());

        // sc-hsm-tool 0.23 prints "DKEK shares : 0" and a key check value of zeros for a card without DKEK.
        assertEquals(Optional.of(0), tool.dkekShares(), tool.toString());
        StatusAgreement.assertAgree(schsm, tool);
    }

    @Test
    void aWrongUserPinThroughSchsmLeavesTwoTriesForBoth() throws Exception {
        reader = CardInReader.insertFresh(dir.resolve("card.state"));
        Tools.initialize("--dkek-shares", "1");

        SchsmRun wrong = Tools.schsm("pin", "verify", "--pin", "000000");
        assertEquals(ExitCode.CARD_REFUSED, wrong.exitCode(), wrong.toString());
        assertTrue(wrong.err().contains("63C2"), wrong.toString());

        JsonObject schsm = StatusAgreement.schsmStatus();
        ScHsmToolStatus tool = ScHsmToolStatus.parse(Tools.scHsmTool());
        assertEquals(Optional.of(2), tool.userTriesLeft(), tool.toString());
        assertEquals(2, schsm.getAsJsonObject("userPin").get("triesLeft").getAsInt(), schsm.toString());
        StatusAgreement.assertAgree(schsm, tool);
    }

    @Test
    void aWrongUserPinThroughPkcs11ToolLeavesTwoTriesForBoth() throws Exception {
        PcscEnvironment.require(Requirement.PKCS11_TOOL, Requirement.PKCS11_MODULE);
        reader = CardInReader.insertFresh(dir.resolve("card.state"));
        Tools.initialize();

        ProcessResult wrong = Tools.pkcs11Tool("--login", "--pin", "000000", "--list-objects");
        assertTrue(wrong.all().contains("CKR_PIN_INCORRECT"), wrong.describe());

        JsonObject schsm = StatusAgreement.schsmStatus();
        ScHsmToolStatus tool = ScHsmToolStatus.parse(Tools.scHsmTool());
        assertEquals(Optional.of(2), tool.userTriesLeft(), tool.toString());
        assertEquals(2, schsm.getAsJsonObject("userPin").get("triesLeft").getAsInt(), schsm.toString());
        StatusAgreement.assertAgree(schsm, tool);
    }

}
