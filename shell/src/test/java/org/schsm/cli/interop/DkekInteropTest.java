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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
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
class DkekInteropTest extends CardInReaderTest {
    private static final String TOOL_PASSWORD = "made-by-sc-hsm-tool";
    private static final String SCHSM_PASSWORD = "made-by-schsm-cli";
    private static final Pattern SHARE_KCV = Pattern.compile("([0-9A-F]{16})");

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

    /**
     * Wrap files both ways: a file from {@code sc-hsm-tool --wrap-key} goes back in with
     * {@code schsm key unwrap}, one from {@code schsm key wrap} with {@code sc-hsm-tool --unwrap-key};
     * each time the key has its old public key and signs for it. Then a key from a PEM file goes in
     * with {@code schsm key import}, and OpenSC's PKCS#11 module lists it by its label.
     */
    @Test
    void wrapFilesGoBothWaysAndAnImportedKeyShowsInOpenSc() throws Exception {
        reader = CardInReader.insertFresh(dir.resolve("card.state"));
        Tools.initialize("--dkek-shares", "1");
        Path share = Files.write(dir.resolve("reference.pbe"), java.util.Base64.getDecoder().decode(
                "U2FsdGVkX19svhSIBSqUH/GixQX4+9KdFKpErNW7MLzNCX9YBE7+eseQB6Vh7JgaFmhlWzIcqCgB39n9xXe6BA=="));
        ok(Tools.scHsmTool("--import-dkek-share", share.toString(), "--password", "passwordpassword"));
        schsmOk("key", "generate", "--type", "ec:secp256r1", "--id", "1", "--label", "both-ways", "--pin", Tools.USER_PIN);
        String pem = schsmOk("key", "public", "--id", "1", "--pem").out();

        Path fromTool = dir.resolve("from-tool.wrap");
        ok(Tools.scHsmTool("--wrap-key", fromTool.toString(), "--key-reference", "1", "--pin", Tools.USER_PIN));
        schsmOk("key", "delete", "--id", "1", "--force", "--pin", Tools.USER_PIN);
        schsmOk("key", "unwrap", "--in", fromTool.toString(), "--id", "1", "--pin", Tools.USER_PIN);
        assertEquals(pem, schsmOk("key", "public", "--id", "1", "--pem").out(), "sc-hsm-tool's file, unwrapped by schsm");
        assertSigns("1", pem);

        Path fromSchsm = dir.resolve("from-schsm.wrap");
        schsmOk("key", "wrap", "--id", "1", "--out", fromSchsm.toString(), "--pin", Tools.USER_PIN);
        schsmOk("key", "delete", "--id", "1", "--force", "--pin", Tools.USER_PIN);
        ProcessResult unwrapped = ok(Tools.scHsmTool("--unwrap-key", fromSchsm.toString(), "--key-reference", "1",
                "--pin", Tools.USER_PIN));
        assertTrue(unwrapped.stdout().contains("Key blob"), unwrapped.describe());
        assertEquals(pem, schsmOk("key", "public", "--id", "1", "--pem").out(), "schsm's file, unwrapped by sc-hsm-tool");
        assertSigns("1", pem);

        java.security.KeyPairGenerator gen = java.security.KeyPairGenerator.getInstance("EC",
                new org.bouncycastle.jce.provider.BouncyCastleProvider());
        gen.initialize(new java.security.spec.ECGenParameterSpec("secp256r1"));
        java.io.StringWriter keyPem = new java.io.StringWriter();
        try (org.bouncycastle.openssl.jcajce.JcaPEMWriter w = new org.bouncycastle.openssl.jcajce.JcaPEMWriter(keyPem)) {
            w.writeObject(gen.generateKeyPair().getPrivate());
        }
        Path keyFile = Files.writeString(dir.resolve("outside.pem"), keyPem.toString());
        schsmOk("key", "import", "--in", keyFile.toString(), "--id", "2", "--label", "from-outside",
                "--share", share.toString(), "--password", "passwordpassword", "--pin", Tools.USER_PIN);
        ProcessResult listed = ok(Tools.pkcs11Tool("--login", "--pin", Tools.USER_PIN, "--list-objects", "--type", "privkey"));
        assertTrue(listed.stdout().contains("from-outside") && listed.stdout().contains("both-ways"), listed.describe());
    }

    private static SchsmRun schsmOk(String... args) {
        SchsmRun r = Tools.schsm(args);
        assertEquals(ExitCode.OK, r.exitCode(), r.toString());
        assertFalse((r.out() + r.err()).contains("passwordpassword"), "no password in any output");
        return r;
    }

    private void assertSigns(String id, String pem) throws Exception {
        Path message = Files.writeString(dir.resolve("message-" + System.nanoTime()), "interop");
        Path signature = dir.resolve("signature-" + System.nanoTime());
        schsmOk("key", "sign", "--id", id, "--in", message.toString(), "--out", signature.toString(), "--pin", Tools.USER_PIN);
        java.security.Signature verifier = java.security.Signature.getInstance("SHA256withECDSA");
        verifier.initVerify(java.security.KeyFactory.getInstance("EC").generatePublic(new java.security.spec.X509EncodedKeySpec(
                java.util.Base64.getDecoder().decode(pem.replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "")))));
        verifier.update(Files.readAllBytes(message));
        assertTrue(verifier.verify(Files.readAllBytes(signature)), "the key signs for its original public key");
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
