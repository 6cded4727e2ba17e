package org.schsm.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonParser;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.schsm.session.ExitCode;
import org.schsm.testkit.HsmConstants;
import org.schsm.testkit.InProcessSchsm;
import org.schsm.testkit.SchsmRun;

/**
 * The recovery drill of issue 16, end to end on the simulator: initialize with one DKEK share,
 * import it, generate an EC and an RSA key, back them up, block the user PIN on a device without
 * PIN reset, run doctor, re-initialize (only with --force), import the same share, restore; the
 * same keys come back with the same public keys, and a restored key's signature verifies with the
 * original public key.
 *
 * <p>Every step is a schsm command line, run in-process against one simulated card kept in a state
 * file, as a user would type them (docs/recovery.md).
 */
class RecoveryDrillTest {
    /** sc-hsm-tool --create-dkek-share output (reference S16), password "passwordpassword", KCV 2AFA121E8764A1E3. */
    private static final String SHARE_FILE =
            "U2FsdGVkX19svhSIBSqUH/GixQX4+9KdFKpErNW7MLzNCX9YBE7+eseQB6Vh7JgaFmhlWzIcqCgB39n9xXe6BA==";
    private static final String SO_PIN = HsmConstants.DEFAULT_SO_PIN;
    private static final String PIN = HsmConstants.USER_PIN;

    @TempDir
    Path dir;

    @Test
    void backUpBlockReinitializeRestoreAndTheKeysSignAsBefore() throws Exception {
        Path state = dir.resolve("card.state");
        InProcessSchsm cli = InProcessSchsm.onSimulator(state);
        Path share = Files.write(dir.resolve("dkek-share-1.pbe"), Base64.getDecoder().decode(SHARE_FILE));

        ok(cli, "init", "--so-pin", SO_PIN, "--pin", PIN, "--dkek-shares", "1", "--no-pin-reset");
        assertTrue(ok(cli, "dkek", "import", share.toString(), "--password", "passwordpassword").out()
                .contains("2AFA121E8764A1E3"));
        ok(cli, "key", "generate", "--type", "ec:secp256r1", "--id", "1", "--label", "drill-ec", "--pin", PIN);
        ok(cli, "key", "generate", "--type", "rsa:2048", "--id", "2", "--label", "drill-rsa", "--pin", PIN);
        String keysBefore = keyList(cli);
        String ecPem = ok(cli, "key", "public", "--id", "1", "--pem").out();
        String rsaPem = ok(cli, "key", "public", "--id", "2", "--pem").out();

        // Back up: one sc-hsm-tool wrap file per key and the manifest.
        Path backup = dir.resolve("backup");
        SchsmRun backedUp = ok(cli, "backup", backup.toString(), "--pin", PIN);
        assertTrue(backedUp.out().contains("2 of 2 keys backed up"), backedUp::toString);
        assertTrue(Files.exists(backup.resolve("key-01.wrap")) && Files.exists(backup.resolve("key-02.wrap")));

        // Block the user PIN (no PIN reset on this device): the guard wants --force for the last try.
        for (int i = 0; i < 2; i++) {
            assertNotEquals(ExitCode.OK, cli.run("pin", "verify", "--pin", "000000").exitCode());
        }
        SchsmRun guarded = cli.run("pin", "verify", "--pin", "000000");
        assertNotEquals(ExitCode.OK, guarded.exitCode(), guarded::toString);
        assertTrue(guarded.err().contains("last try"), guarded::toString);
        assertTrue(ok(cli, "pin", "status").out().contains("User PIN : 1 try left"), "the guard spent no try");
        SchsmRun atRisk = ok(cli, "doctor");
        assertTrue(atRisk.out().contains("DKEK is complete (KCV 2AFA121E8764A1E3), so 2 keys can be wrapped"), atRisk::toString);
        assertTrue(atRisk.out().contains("schsm backup BACKUP-DIR --force"), atRisk::toString);
        assertNotEquals(ExitCode.OK, cli.run("pin", "verify", "--pin", "000000", "--force").exitCode());
        SchsmRun doctor = cli.run("doctor");
        assertTrue(ok(cli, "pin", "status").out().contains("User PIN : BLOCKED"));
        assertTrue(doctor.out().contains("User PIN is blocked and cannot be reset"), doctor::toString);
        assertTrue(doctor.out().contains("schsm init --force"), doctor::toString);
        assertTrue(doctor.out().contains("DKEK key check value: 2AFA121E8764A1E3"), doctor::toString);
        assertTrue(doctor.out().contains("2 keys cannot be backed up now: WRAP KEY needs the user PIN"), doctor::toString);
        assertTrue(doctor.out().contains("schsm restore BACKUP-DIR"), doctor::toString);

        // Re-initialize: refused without --force (it erases every key), then forced.
        SchsmRun refused = cli.run("init", "--so-pin", SO_PIN, "--pin", PIN, "--dkek-shares", "1", "--no-pin-reset");
        assertNotEquals(ExitCode.OK, refused.exitCode(), refused::toString);
        assertTrue(refused.err().contains("would erase every key"), refused::toString);
        assertTrue(refused.err().contains("--force"), refused::toString);
        ok(cli, "init", "--so-pin", SO_PIN, "--pin", PIN, "--dkek-shares", "1", "--no-pin-reset", "--force");
        assertEquals(0, JsonParser.parseString(ok(cli, "keys", "--json").out()).getAsJsonArray().size());
        assertTrue(ok(cli, "dkek", "import", share.toString(), "--password", "passwordpassword").out()
                .contains("2AFA121E8764A1E3"));

        // Restore: the KCV is checked first, then UNWRAP KEY, PrKD and request per key, then the public keys.
        SchsmRun restored = ok(cli, "restore", backup.toString(), "--pin", PIN);
        assertTrue(restored.out().contains("2 restored, 0 skipped, 0 failed"), restored::toString);

        assertEquals(keysBefore, keyList(cli), "the same keys, labels, types and sizes");
        assertEquals(ecPem, ok(cli, "key", "public", "--id", "1", "--pem").out());
        assertEquals(rsaPem, ok(cli, "key", "public", "--id", "2", "--pem").out());

        Path message = Files.writeString(dir.resolve("message.txt"), "signed after the recovery");
        for (String[] k : new String[][] {{"1", "SHA256withECDSA", "EC", ecPem}, {"2", "SHA256withRSA", "RSA", rsaPem}}) {
            Path signature = dir.resolve("sig-" + k[0]);
            ok(cli, "key", "sign", "--id", k[0], "--in", message.toString(), "--out", signature.toString(), "--pin", PIN);
            Signature verifier = Signature.getInstance(k[1]);
            verifier.initVerify(publicKey(k[2], k[3]));
            verifier.update(Files.readAllBytes(message));
            assertTrue(verifier.verify(Files.readAllBytes(signature)), "key " + k[0] + " signs for its original public key");
        }
    }

    private static SchsmRun ok(InProcessSchsm cli, String... args) {
        SchsmRun r = cli.run(args);
        assertEquals(ExitCode.OK, r.exitCode(), r::toString);
        assertFalse(r.all().contains("passwordpassword"), "no password in any output");
        return r;
    }

    private static String keyList(InProcessSchsm cli) {
        JsonArray keys = JsonParser.parseString(ok(cli, "keys", "--json").out()).getAsJsonArray();
        assertEquals(2, keys.size(), keys::toString);
        return keys.toString();
    }

    private static PublicKey publicKey(String algorithm, String pem) throws Exception {
        String base64 = pem.replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
        return KeyFactory.getInstance(algorithm).generatePublic(new X509EncodedKeySpec(Base64.getDecoder().decode(base64)));
    }
}
