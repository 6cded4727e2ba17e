package org.schsm.cli.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.schsm.session.ExitCode;
import org.schsm.testkit.InteropTest;
import org.schsm.testkit.ProcessResult;
import org.schsm.testkit.Requirement;
import org.schsm.testkit.SchsmRun;

/**
 * DKEK share files between sc-hsm-tool and schsm over real PC/SC, on the simulated card in the
 * vpcd reader: a share sc-hsm-tool creates is imported by {@code schsm dkek import} and gives the KCV
 * sc-hsm-tool reports; a share {@code schsm dkek create-share} writes is imported by sc-hsm-tool and
 * gives the KCV {@code schsm dkek show-share} reports; at every step both tools show the same DKEK
 * status. Both tools take the share's randomness from the card's GET CHALLENGE.
 */
@InteropTest({Requirement.PCSCD, Requirement.VPCD_DRIVER, Requirement.OPENSC_TOOL, Requirement.VPCD_READER,
        Requirement.SC_HSM_TOOL})
@Timeout(300)
class DkekInteropTest {
    private static final String TOOL_PASSWORD = "made-by-sc-hsm-tool";
    private static final String SCHSM_PASSWORD = "made-by-schsm-cli";
    private static final Pattern SHARE_KCV = Pattern.compile("([0-9A-F]{16})");

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
    void aScHsmToolShareImportedBySchsmGivesTheKcvScHsmToolReports() throws Exception {
        reader = CardInReader.insertFresh(dir.resolve("card.state"));
        Tools.initialize("--dkek-shares", "1");
        Path share = dir.resolve("tool.pbe");
        ok(Tools.scHsmTool("--create-dkek-share", share.toString(), "--password", TOOL_PASSWORD));
        agree(1, 1);

        SchsmRun imported = Tools.schsm("dkek", "import", share.toString(), "--password", TOOL_PASSWORD);
        assertEquals(ExitCode.OK, imported.exitCode(), imported.toString());
        assertFalse((imported.out() + imported.err()).contains(TOOL_PASSWORD), "no password in any output");
        ScHsmToolStatus tool = agree(1, 0);
        String shareKcv = kcvIn(Tools.schsmBare("dkek", "show-share", share.toString(), "--password", TOOL_PASSWORD));
        assertEquals(Optional.of(shareKcv), tool.keyCheckValue(), "one share: the DKEK is the share\n" + tool);
    }

    @Test
    void aSchsmShareImportedByScHsmToolGivesTheKcvSchsmReports() throws Exception {
        reader = CardInReader.insertFresh(dir.resolve("card.state"));
        Tools.initialize("--dkek-shares", "1");
        Path share = dir.resolve("schsm.pbe");
        SchsmRun created = Tools.schsm("dkek", "create-share", share.toString(), "--password", SCHSM_PASSWORD);
        assertEquals(ExitCode.OK, created.exitCode(), created.toString());
        assertEquals(64, Files.size(share));
        String shareKcv = kcvIn(Tools.schsmBare("dkek", "show-share", share.toString(), "--password", SCHSM_PASSWORD));

        ProcessResult imported = ok(Tools.scHsmTool("--import-dkek-share", share.toString(), "--password", SCHSM_PASSWORD));
        assertTrue(imported.stdout().contains(shareKcv), imported.describe());
        assertEquals(Optional.of(shareKcv), agree(1, 0).keyCheckValue());
    }

    @Test
    void twoSharesOneFromEachToolCombineAndBothShowTheSameStatus() throws Exception {
        reader = CardInReader.insertFresh(dir.resolve("card.state"));
        Tools.initialize("--dkek-shares", "2");
        Path toolShare = dir.resolve("tool.pbe");
        Path schsmShare = dir.resolve("schsm.pbe");
        ok(Tools.scHsmTool("--create-dkek-share", toolShare.toString(), "--password", TOOL_PASSWORD));
        assertEquals(ExitCode.OK, Tools.schsm("dkek", "create-share", schsmShare.toString(), "--password",
                SCHSM_PASSWORD).exitCode());
        ok(Tools.scHsmTool("--import-dkek-share", toolShare.toString(), "--password", TOOL_PASSWORD));
        agree(2, 1);
        assertEquals(ExitCode.OK, Tools.schsm("dkek", "import", schsmShare.toString(), "--password",
                SCHSM_PASSWORD).exitCode());
        ScHsmToolStatus done = agree(2, 0);
        assertTrue(done.keyCheckValue().isPresent(), done.toString());
    }

    /** Both tools read the DKEK status; they must agree, and show {@code shares}/{@code outstanding}. */
    private static ScHsmToolStatus agree(int shares, int outstanding) {
        JsonObject schsm = StatusAgreement.schsmStatus();
        ScHsmToolStatus tool = ScHsmToolStatus.parse(Tools.scHsmTool());
        StatusAgreement.assertAgree(schsm, tool);
        assertEquals(Optional.of(shares), tool.dkekShares(), tool.toString());
        assertEquals(Optional.of(outstanding), tool.dkekOutstanding(), tool.toString());
        return tool;
    }

    private static ProcessResult ok(ProcessResult result) {
        assertTrue(result.succeeded() && !result.stderr().contains("failed"), result.describe());
        return result;
    }

    private static String kcvIn(SchsmRun run) {
        assertEquals(ExitCode.OK, run.exitCode(), run.toString());
        Matcher m = SHARE_KCV.matcher(run.out());
        assertTrue(m.find(), run.toString());
        return m.group(1);
    }
}
