package org.schsm.cli.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.schsm.session.ExitCode;
import org.schsm.testkit.InteropTest;
import org.schsm.testkit.ProcessResult;
import org.schsm.testkit.Requirement;
import org.schsm.testkit.SchsmRun;

/**
 * The PIN life cycle driven by OpenSC (PKCS#11 module through pkcs11-tool, sc-hsm-tool) and
 * checked by schsm over real PC/SC, and the other way round: what one side changes, the other
 * must see.
 */
@InteropTest({Requirement.PCSCD, Requirement.VPCD_DRIVER, Requirement.OPENSC_TOOL, Requirement.VPCD_READER,
        Requirement.SC_HSM_TOOL, Requirement.PKCS11_TOOL, Requirement.PKCS11_MODULE})
@Timeout(240)
class PinLifecycleInteropTest extends CardInReaderTest {
    private static final String NEW_SO_PIN = "0102030405060708";

    @Test
    void userPinChangedByPkcs11ToolVerifiesInSchsmAndTheOldOneIsRefused() throws Exception {
        reader = CardInReader.insertFresh(dir.resolve("card.state"));
        Tools.initialize();

        ProcessResult change = Tools.pkcs11Tool("--change-pin", "--login", "--pin", Tools.USER_PIN, "--new-pin", "123456");
        assertTrue(change.succeeded(), change.describe());
        assertTrue(change.stdout().contains("PIN successfully changed"), change.describe());

        SchsmRun verified = Tools.schsm("pin", "verify", "--pin", "123456");
        assertEquals(ExitCode.OK, verified.exitCode(), verified.toString());
        assertTrue(verified.out().contains("User PIN verified."), verified.toString());
        SchsmRun old = Tools.schsm("pin", "verify", "--pin", Tools.USER_PIN);
        assertEquals(ExitCode.CARD_REFUSED, old.exitCode(), old.toString());
        assertTrue(old.err().contains("63C2"), old.toString());
    }

    @Test
    void soPinChangedByPkcs11ToolIsTheOneSchsmAndScHsmToolInitializeAccept() throws Exception {
        reader = CardInReader.insertFresh(dir.resolve("card.state"));
        Tools.initialize();

        ProcessResult change = Tools.pkcs11Tool("--change-pin", "--login", "--login-type", "so",
                "--so-pin", Tools.SO_PIN, "--new-pin", NEW_SO_PIN);
        assertTrue(change.succeeded(), change.describe());
        assertTrue(change.stdout().contains("PIN successfully changed"), change.describe());

        SchsmRun verified = Tools.schsm("pin", "verify", "--so", "--pin", NEW_SO_PIN);
        assertEquals(ExitCode.OK, verified.exitCode(), verified.toString());
        assertTrue(verified.out().contains("SO-PIN verified."), verified.toString());

        ProcessResult reinit = Tools.scHsmTool("--initialize", "--so-pin", NEW_SO_PIN, "--pin", Tools.USER_PIN);
        assertTrue(reinit.succeeded() && !reinit.stderr().contains("failed"), reinit.describe());
        ScHsmToolStatus tool = ScHsmToolStatus.parse(Tools.scHsmTool());
        assertEquals(Optional.of(15), tool.soTriesLeft(), "a right SO-PIN leaves the counter full: " + tool);
        StatusAgreement.assertAgree(StatusAgreement.schsmStatus(), tool);
    }

    @Test
    void userPinBlockedByPkcs11ToolIsResetByInitPinAndSchsmSeesThreeTries() throws Exception {
        reader = CardInReader.insertFresh(dir.resolve("card.state"));
        Tools.initialize();

        for (int i = 1; i <= 3; i++) {
            ProcessResult wrong = Tools.pkcs11Tool("--login", "--pin", "000000", "--list-objects");
            assertFalse(wrong.succeeded(), wrong.describe());
            assertTrue(wrong.all().contains(i < 3 ? "CKR_PIN_INCORRECT" : "CKR_PIN_LOCKED"), "attempt " + i + ": "
                    + wrong.describe());
        }
        JsonObject blocked = pinStatusJson();
        assertTrue(blocked.getAsJsonObject("userPin").get("blocked").getAsBoolean(), blocked.toString());
        assertEquals("6983", blocked.getAsJsonObject("userPin").get("sw").getAsString(), blocked.toString());
        ScHsmToolStatus lockedTool = ScHsmToolStatus.parse(Tools.scHsmTool());
        assertTrue(lockedTool.userLocked(), lockedTool.toString());
        StatusAgreement.assertAgree(StatusAgreement.schsmStatus(), lockedTool);

        ProcessResult initPin = Tools.pkcs11Tool("--init-pin", "--login", "--login-type", "so",
                "--so-pin", Tools.SO_PIN, "--new-pin", "654321");
        assertTrue(initPin.succeeded(), initPin.describe());
        assertTrue(initPin.stdout().contains("User PIN successfully initialized"), initPin.describe());

        assertResetTo654321();
    }

    @Test
    void schsmGuardsTheLastTryThenForceBlocksAndPkcs11ToolInitPinResets() throws Exception {
        reader = CardInReader.insertFresh(dir.resolve("card.state"));
        Tools.initialize();

        for (int i = 0; i < 2; i++) {
            SchsmRun wrong = Tools.schsm("pin", "verify", "--pin", "000000");
            assertEquals(ExitCode.CARD_REFUSED, wrong.exitCode(), wrong.toString());
        }
        SchsmRun guarded = Tools.schsm("pin", "verify", "--pin", "000000");
        assertEquals(ExitCode.GUARD, guarded.exitCode(), "one try left: the brick guard must refuse " + guarded);
        assertEquals(1, pinStatusJson().getAsJsonObject("userPin").get("triesLeft").getAsInt(),
                "the guard must not have spent the last try");
        SchsmRun forced = Tools.schsm("pin", "verify", "--force", "--pin", "000000");
        assertEquals(ExitCode.CARD_REFUSED, forced.exitCode(), forced.toString());
        assertTrue(ScHsmToolStatus.parse(Tools.scHsmTool()).userLocked(), "sc-hsm-tool must say User PIN locked");

        ProcessResult initPin = Tools.pkcs11Tool("--init-pin", "--login", "--login-type", "so",
                "--so-pin", Tools.SO_PIN, "--new-pin", "654321");
        assertTrue(initPin.succeeded(), initPin.describe());

        assertResetTo654321();
    }

    @Test
    void wrongSoPinOnReinitializeSpendsOneTryAndErasesNothing() throws Exception {
        reader = CardInReader.insertFresh(dir.resolve("card.state"));
        Tools.initialize();
        Path data = dir.resolve("data.txt");
        Files.writeString(data, "kept across a refused re-initialization\n");
        ProcessResult write = Tools.pkcs11Tool("--login", "--pin", Tools.USER_PIN, "--write-object", data.toString(),
                "--type", "data", "--label", "interop-data");
        assertTrue(write.succeeded(), write.describe());
        String objectsBefore = objectListing();
        assertTrue(objectsBefore.contains("label:          'interop-data'"), objectsBefore);

        ProcessResult wrong = Tools.scHsmTool("--initialize", "--so-pin", "0000000000000000", "--pin", Tools.USER_PIN);
        // OpenSC 0.23's sc-hsm-tool exits 0 here; the refusal shows only on stderr.
        assertTrue(wrong.stderr().contains("SC_CARDCTL_SC_HSM_INITIALIZE")
                && wrong.stderr().contains("PIN code or key incorrect"), wrong.describe());

        ScHsmToolStatus tool = ScHsmToolStatus.parse(Tools.scHsmTool());
        JsonObject schsm = StatusAgreement.schsmStatus();
        assertEquals(Optional.of(14), tool.soTriesLeft(), tool.toString());
        assertEquals(14, schsm.getAsJsonObject("soPin").get("triesLeft").getAsInt(), schsm.toString());
        assertEquals(Optional.of(3), tool.userTriesLeft(), "the user PIN counter was not reset: " + tool);
        StatusAgreement.assertAgree(schsm, tool);

        SchsmRun user = Tools.schsm("pin", "verify", "--pin", Tools.USER_PIN);
        assertEquals(ExitCode.OK, user.exitCode(), "the user PIN must survive: " + user);
        assertEquals(objectsBefore, objectListing(), "the object listing must be unchanged");
        ProcessResult read = Tools.pkcs11Tool("--login", "--pin", Tools.USER_PIN, "--read-object", "--type", "data",
                "--label", "interop-data");
        assertTrue(read.succeeded(), read.describe());
        assertEquals("kept across a refused re-initialization\n", read.stdout(), read.describe());
    }

    private void assertResetTo654321() {
        JsonObject reset = pinStatusJson();
        assertEquals(3, reset.getAsJsonObject("userPin").get("triesLeft").getAsInt(), reset.toString());
        assertFalse(reset.getAsJsonObject("userPin").get("blocked").getAsBoolean(), reset.toString());
        SchsmRun text = Tools.schsm("pin", "status");
        assertEquals(ExitCode.OK, text.exitCode(), text.toString());
        assertTrue(text.out().contains("User PIN : 3 tries left"), text.toString());
        SchsmRun verified = Tools.schsm("pin", "verify", "--pin", "654321");
        assertEquals(ExitCode.OK, verified.exitCode(), verified.toString());
        ScHsmToolStatus tool = ScHsmToolStatus.parse(Tools.scHsmTool());
        assertEquals(Optional.of(3), tool.userTriesLeft(), tool.toString());
        assertEquals(Optional.of(15), tool.soTriesLeft(), "init-pin with the right SO-PIN costs no SO try: " + tool);
    }

    private static JsonObject pinStatusJson() {
        SchsmRun run = Tools.schsm("pin", "status", "--json");
        assertEquals(ExitCode.OK, run.exitCode(), run.toString());
        return JsonParser.parseString(run.out()).getAsJsonObject();
    }

    /** {@code pkcs11-tool --login -O}, with the object handles (which change per session) masked. */
    private static String objectListing() {
        ProcessResult list = Tools.pkcs11Tool("--login", "--pin", Tools.USER_PIN, "--list-objects");
        assertTrue(list.succeeded(), list.describe());
        return list.stdout().replaceAll("(?m)^(\\S.*? object) \\d+$", "$1 <handle>");
    }
}
