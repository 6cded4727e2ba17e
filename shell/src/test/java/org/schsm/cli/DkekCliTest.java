package org.schsm.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.schsm.session.ExitCode;
import org.schsm.testkit.InProcessSchsm;
import org.schsm.testkit.SchsmRun;

/** {@code schsm dkek ...} with the real share file of the reference (sc-hsm-keys.md appendix A, S16). */
class DkekCliTest {
    /** sc-hsm-tool --create-dkek-share output, password "passwordpassword", share KCV 2AFA121E8764A1E3. */
    private static final String SHARE_FILE =
            "U2FsdGVkX19svhSIBSqUH/GixQX4+9KdFKpErNW7MLzNCX9YBE7+eseQB6Vh7JgaFmhlWzIcqCgB39n9xXe6BA==";

    @TempDir
    Path dir;
    InProcessSchsm cli;
    Path share;

    @BeforeEach
    void setUp() throws Exception {
        cli = InProcessSchsm.onSimulator(dir.resolve("card.state"));
        share = Files.write(dir.resolve("dkek-share-1.pbe"), Base64.getDecoder().decode(SHARE_FILE));
    }

    private SchsmRun ok(String... args) {
        SchsmRun r = cli.run(args);
        assertEquals(ExitCode.OK, r.exitCode(), r::toString);
        return r;
    }

    @Test
    void importingScHsmToolsShareGivesItsKcvOnTheCard() {
        ok("init", "--so-pin", "3537363231383830", "--pin", "648219", "--dkek-shares", "1");
        JsonObject before = JsonParser.parseString(ok("dkek", "status", "--json").out()).getAsJsonObject();
        assertEquals(1, before.get("outstanding").getAsInt());
        assertTrue(before.get("keyCheckValue").isJsonNull());

        SchsmRun imported = ok("dkek", "import", share.toString(), "--password", "passwordpassword");
        assertTrue(imported.out().contains("share KCV 2AFA121E8764A1E3"), imported::toString);
        assertFalse(imported.all().contains("passwordpassword"));
        JsonObject after = JsonParser.parseString(ok("dkek", "status", "--json").out()).getAsJsonObject();
        assertEquals(0, after.get("outstanding").getAsInt());
        assertEquals("2AFA121E8764A1E3", after.get("keyCheckValue").getAsString());
    }

    @Test
    void resharedFilesImportToTheSameKcv() {
        Path out = dir.resolve("new");
        SchsmRun reshared = InProcessSchsm.schsm("dkek", "reshare", "--share", share.toString(), "--password", "passwordpassword",
                "--out", out.toString(), "--shares", "2", "--new-password", "first custodian", "--new-password",
                "second custodian");
        assertEquals(ExitCode.OK, reshared.exitCode(), reshared::toString);
        assertTrue(reshared.out().contains("stays 2AFA121E8764A1E3 (was 2AFA121E8764A1E3)"), reshared::toString);
        assertFalse(reshared.all().contains("custodian"), "no password in any output");

        ok("init", "--so-pin", "3537363231383830", "--pin", "648219", "--dkek-shares", "2");
        ok("dkek", "import", out.resolve("dkek-share-1.pbe").toString(), "--password", "first custodian");
        SchsmRun second = ok("dkek", "import", out.resolve("dkek-share-2.pbe").toString(), "--password",
                "second custodian");
        assertTrue(second.out().contains("DKEK key check value: 2AFA121E8764A1E3"), second::toString);
    }

    @Test
    void wrongPasswordAndNonShareFilesAreBadInput() throws Exception {
        SchsmRun wrong = cli.run("dkek", "show-share", share.toString(), "--password", "wrongpassword");
        assertEquals(ExitCode.BAD_INPUT, wrong.exitCode(), wrong::toString);
        assertFalse(wrong.all().contains("wrongpassword"), wrong::toString);
        Path notShare = Files.write(dir.resolve("x"), new byte[64]);
        SchsmRun bad = cli.run("dkek", "show-share", notShare.toString(), "--password", "whatever1");
        assertEquals(ExitCode.BAD_INPUT, bad.exitCode(), bad::toString);
        assertTrue(bad.err().contains("Salted__"), bad::toString);
    }

    @Test
    void wrapFileIsInspectedWithoutACard() throws Exception {
        Path wrap = Files.write(dir.resolve("key.wrap"), org.schsm.apdu.Hex.decode(RealWrapFile.HEX));
        SchsmRun r = InProcessSchsm.schsm("dkek", "inspect-wrap", wrap.toString());
        assertEquals(ExitCode.OK, r.exitCode(), r::toString);
        assertTrue(r.out().contains("Key blob KCV         : 97E303855DC1C54D"), r::toString);
        assertTrue(r.out().contains("Label                : btc-test"), r::toString);
        assertTrue(r.out().contains("MAC                  : not checked"), r::toString);
    }
}
