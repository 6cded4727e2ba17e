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
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.schsm.hsm.SmartCardHsm;
import org.schsm.hsm.dkek.WrapFile;
import org.schsm.session.ExitCode;
import org.schsm.simulator.PersistentCard;
import org.schsm.simulator.SimulatedCard;
import org.schsm.simulator.SimulatorTransport;
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
 * <p>Everything runs through the command line in-process, except backing up and restoring: the
 * command line has no {@code key wrap}/{@code key unwrap} or {@code backup}/{@code restore} yet,
 * so those two steps use the toolkit (WRAP KEY, UNWRAP KEY and the sc-hsm-tool wrap file) on the
 * same state file between two commands, as those commands will.
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

        // Back up: one sc-hsm-tool wrap file per key (blob, PrKD C4xx, certificate or request CExx).
        Path backup = Files.createDirectories(dir.resolve("backup"));
        try (PersistentCard held = PersistentCard.open(state, SimulatedCard::create)) {
            SmartCardHsm hsm = SmartCardHsm.connect(new SimulatorTransport(held.card()));
            hsm.verify(PIN);
            for (int id : new int[] {1, 2}) {
                WrapFile file = new WrapFile(hsm.wrapKey(id), Optional.of(hsm.readBinary(0xC400 | id)),
                        Optional.of(hsm.readBinary(0xCE00 | id)));
                Files.write(backup.resolve("key-" + id + ".wrap"), file.encode());
            }
            held.save();
        }

        // Block the user PIN (no PIN reset on this device): the guard wants --force for the last try.
        for (int i = 0; i < 2; i++) {
            assertNotEquals(ExitCode.OK, cli.run("pin", "verify", "--pin", "000000").exitCode());
        }
        SchsmRun guarded = cli.run("pin", "verify", "--pin", "000000");
        assertNotEquals(ExitCode.OK, guarded.exitCode(), guarded::toString);
        assertTrue(guarded.err().contains("last try"), guarded::toString);
        assertTrue(ok(cli, "pin", "status").out().contains("User PIN : 1 try left"), "the guard spent no try");
        assertNotEquals(ExitCode.OK, cli.run("pin", "verify", "--pin", "000000", "--force").exitCode());
        SchsmRun doctor = cli.run("doctor");
        assertTrue(ok(cli, "pin", "status").out().contains("User PIN : BLOCKED"));
        assertTrue(doctor.out().contains("User PIN is blocked and cannot be reset"), doctor::toString);
        assertTrue(doctor.out().contains("schsm init --force"), doctor::toString);
        assertTrue(doctor.out().contains("DKEK key check value: 2AFA121E8764A1E3"), doctor::toString);

        // Re-initialize: refused without --force (it erases every key), then forced.
        SchsmRun refused = cli.run("init", "--so-pin", SO_PIN, "--pin", PIN, "--dkek-shares", "1", "--no-pin-reset");
        assertNotEquals(ExitCode.OK, refused.exitCode(), refused::toString);
        assertTrue(refused.err().contains("would erase every key"), refused::toString);
        assertTrue(refused.err().contains("--force"), refused::toString);
        ok(cli, "init", "--so-pin", SO_PIN, "--pin", PIN, "--dkek-shares", "1", "--no-pin-reset", "--force");
        assertEquals(0, JsonParser.parseString(ok(cli, "keys", "--json").out()).getAsJsonArray().size());
        assertTrue(ok(cli, "dkek", "import", share.toString(), "--password", "passwordpassword").out()
                .contains("2AFA121E8764A1E3"));

        // Restore: UNWRAP KEY per file, then the PrKD and the request as sc-hsm-tool writes them.
        try (PersistentCard held = PersistentCard.open(state, SimulatedCard::create)) {
            SmartCardHsm hsm = SmartCardHsm.connect(new SimulatorTransport(held.card()));
            hsm.verify(PIN);
            for (int id : new int[] {1, 2}) {
                WrapFile file = WrapFile.decode(Files.readAllBytes(backup.resolve("key-" + id + ".wrap")));
                hsm.unwrapKey(id, file.keyBlob());
                hsm.updateBinary(0xC400 | id, file.privateKeyDescription().orElseThrow());
                hsm.updateBinary(0xCE00 | id, file.certificate().orElseThrow());
            }
            held.save();
        }

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
