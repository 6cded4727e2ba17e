package org.schsm.cli.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.schsm.cli.ExitCode;

/**
 * {@code schsm status --json} over real PC/SC and {@code sc-hsm-tool} read the same card and must
 * agree field by field: version, config options, SO-PIN and user-PIN tries left, DKEK shares.
 */
@InteropTest({Requirement.PCSCD, Requirement.VPCD_DRIVER, Requirement.OPENSC_TOOL, Requirement.VPCD_READER,
        Requirement.SC_HSM_TOOL})
@Timeout(120)
class StatusAgreementInteropTest {
    @TempDir
    Path dir;
    private CardInReader reader;

    @AfterEach
    void removeCard() throws InterruptedException {
        if (reader != null) {
            reader.close();
        }
    }

    @Test
    void freshCardBothSayNeverInitializedWithTheSameVersion() throws Exception {
        reader = CardInReader.insertFresh(dir.resolve("card.state"));

        JsonObject schsm = schsmStatus();
        ScHsmToolStatus tool = ScHsmToolStatus.parse(Tools.scHsmTool());

        assertTrue(tool.neverInitialized(), tool.toString());
        assertFalse(schsm.get("initialized").getAsBoolean(), schsm.toString());
        assertFalse(schsm.get("simulated").getAsBoolean(), "must have gone through PC/SC: " + schsm);
        assertAgree(schsm, tool);
    }

    @Test
    void afterScHsmToolInitializeBothReportOptionsAndFullCounters() throws Exception {
        reader = CardInReader.insertFresh(dir.resolve("card.state"));
        initialize("--dkek-shares", "1");

        JsonObject schsm = schsmStatus();
        ScHsmToolStatus tool = ScHsmToolStatus.parse(Tools.scHsmTool());

        assertEquals(List.of("User PIN reset with SO-PIN enabled"), tool.optionNames(), tool.toString());
        assertEquals(Optional.of(15), tool.soTriesLeft());
        assertEquals(Optional.of(3), tool.userTriesLeft());
        assertEquals(Optional.of(1), tool.dkekShares());
        assertEquals(Optional.of(1), tool.dkekOutstanding());
        assertEquals("0001", schsm.get("options").getAsString(), schsm.toString());
        assertTrue(schsm.get("initialized").getAsBoolean(), schsm.toString());
        assertFalse(schsm.get("transportPin").getAsBoolean(), schsm.toString());
        assertAgree(schsm, tool);
    }

    @Test
    void afterInitializeWithoutDkekBothReportZeroShares() throws Exception {
        reader = CardInReader.insertFresh(dir.resolve("card.state"));
        initialize();

        JsonObject schsm = schsmStatus();
        ScHsmToolStatus tool = ScHsmToolStatus.parse(Tools.scHsmTool());

        // sc-hsm-tool 0.23 prints "DKEK shares : 0" and a key check value of zeros for a card without DKEK.
        assertEquals(Optional.of(0), tool.dkekShares(), tool.toString());
        assertAgree(schsm, tool);
    }

    @Test
    void aWrongUserPinThroughSchsmLeavesTwoTriesForBoth() throws Exception {
        reader = CardInReader.insertFresh(dir.resolve("card.state"));
        initialize("--dkek-shares", "1");

        Tools.Schsm wrong = Tools.schsm("pin", "verify", "--pin", "000000");
        assertEquals(ExitCode.CARD_REFUSED, wrong.exitCode(), wrong.toString());
        assertTrue(wrong.err().contains("63C2"), wrong.toString());

        JsonObject schsm = schsmStatus();
        ScHsmToolStatus tool = ScHsmToolStatus.parse(Tools.scHsmTool());
        assertEquals(Optional.of(2), tool.userTriesLeft(), tool.toString());
        assertEquals(2, schsm.getAsJsonObject("userPin").get("triesLeft").getAsInt(), schsm.toString());
        assertAgree(schsm, tool);
    }

    @Test
    void aWrongUserPinThroughPkcs11ToolLeavesTwoTriesForBoth() throws Exception {
        InteropEnvironment.require(Requirement.PKCS11_TOOL, Requirement.PKCS11_MODULE);
        reader = CardInReader.insertFresh(dir.resolve("card.state"));
        initialize();

        ProcessResult wrong = Tools.pkcs11Tool("--login", "--pin", "000000", "--list-objects");
        assertTrue(wrong.all().contains("CKR_PIN_INCORRECT"), wrong.describe());

        JsonObject schsm = schsmStatus();
        ScHsmToolStatus tool = ScHsmToolStatus.parse(Tools.scHsmTool());
        assertEquals(Optional.of(2), tool.userTriesLeft(), tool.toString());
        assertEquals(2, schsm.getAsJsonObject("userPin").get("triesLeft").getAsInt(), schsm.toString());
        assertAgree(schsm, tool);
    }

    private static void initialize(String... extra) {
        List<String> args = new ArrayList<>(List.of("--initialize", "--so-pin", Tools.SO_PIN, "--pin", Tools.USER_PIN));
        args.addAll(List.of(extra));
        ProcessResult init = Tools.scHsmTool(args.toArray(String[]::new));
        assertTrue(init.succeeded(), init.describe());
        assertFalse(init.stderr().contains("failed"), init.describe());
    }

    static JsonObject schsmStatus() {
        Tools.Schsm run = Tools.schsm("status", "--json");
        assertEquals(ExitCode.OK, run.exitCode(), run.toString());
        return JsonParser.parseString(run.out()).getAsJsonObject();
    }

    /** Every field both tools print must have the same value. */
    static void assertAgree(JsonObject schsm, ScHsmToolStatus tool) {
        String both = "schsm: " + schsm + "\nsc-hsm-tool: " + tool;
        assertEquals(tool.version(), schsm.get("version").getAsString(), "version\n" + both);
        assertEquals(!tool.neverInitialized(), schsm.get("initialized").getAsBoolean(), "initialized\n" + both);
        List<String> names = new ArrayList<>();
        JsonElement optionNames = schsm.get("optionNames");
        if (optionNames != null && optionNames.isJsonArray()) {
            optionNames.getAsJsonArray().forEach(e -> names.add(e.getAsString()));
        }
        assertEquals(tool.optionNames(), names, "config options\n" + both);
        assertEquals(tool.soTriesLeft(), triesLeft(schsm, "soPin"), "SO-PIN tries left\n" + both);
        assertEquals(tool.userTriesLeft(), triesLeft(schsm, "userPin"), "user PIN tries left\n" + both);
        JsonElement dkek = schsm.get("dkek");
        boolean schsmHasShares = dkek != null && dkek.isJsonObject() && dkek.getAsJsonObject().get("shares").getAsInt() > 0;
        if (tool.dkekShares().isPresent() || schsmHasShares) {
            assertTrue(dkek != null && dkek.isJsonObject(), "sc-hsm-tool prints DKEK shares, schsm none\n" + both);
            JsonObject d = dkek.getAsJsonObject();
            assertEquals(tool.dkekShares(), Optional.of(d.get("shares").getAsInt()), "DKEK shares\n" + both);
            assertEquals(tool.dkekOutstanding(), Optional.of(d.get("outstanding").getAsInt()), "DKEK outstanding\n" + both);
            tool.keyCheckValue().ifPresent(kcv ->
                    assertEquals(kcv, d.get("keyCheckValue").getAsString().toUpperCase(), "DKEK KCV\n" + both));
        }
    }

    private static Optional<Integer> triesLeft(JsonObject schsm, String pin) {
        JsonElement tries = schsm.getAsJsonObject(pin).get("triesLeft");
        return tries == null || tries.isJsonNull() ? Optional.empty() : Optional.of(tries.getAsInt());
    }
}
