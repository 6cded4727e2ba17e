package org.schsm.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.schsm.apdu.Hex;
import org.schsm.hsm.KeyGenerationRequest;
import org.schsm.hsm.KeySpec;
import org.schsm.hsm.SmartCardHsm;
import org.schsm.hsm.dkek.DkekShare;
import org.schsm.hsm.dkek.WrapFile;
import org.schsm.session.ExitCode;
import org.schsm.testkit.HsmConstants;
import org.schsm.testkit.InProcessSchsm;
import org.schsm.testkit.SchsmRun;
import org.schsm.simulator.PersistentCard;
import org.schsm.simulator.SimulatedCard;
import org.schsm.simulator.SimulatorTransport;

/**
 * {@code schsm backup DIR} and {@code schsm restore DIR} on the embedded simulator. The DKEK share
 * goes in through the toolkit as raw bytes: a share file costs three times 10,000,000 MD5 rounds
 * to open, and share files are tested on their own (DkekCliTest, RecoveryDrillTest).
 */
class BackupRestoreCliTest {
    private static final byte[] SHARE = Hex.decode("00112233445566778899AABBCCDDEEFF0123456789ABCDEFFEDCBA9876543210");
    private static final String KCV = kcv(SHARE);
    private static final String PIN = HsmConstants.USER_PIN;

    @TempDir
    Path dir;
    InProcessSchsm cli;
    Path state;

    @BeforeEach
    void setUp() throws Exception {
        state = dir.resolve("card.state");
        cli = InProcessSchsm.onSimulator(state);
        ok("init", "--so-pin", HsmConstants.DEFAULT_SO_PIN, "--pin", PIN, "--dkek-shares", "1");
    }

    private SchsmRun ok(String... args) {
        SchsmRun r = cli.run(args);
        assertEquals(ExitCode.OK, r.exitCode(), r::toString);
        assertFalse(r.all().contains(PIN), "no PIN in any output");
        return r;
    }

    private void importShare() throws Exception {
        onCard(hsm -> assertEquals(KCV, hsm.importDkekShare(new DkekShare(SHARE.clone())).keyCheckValue()));
    }

    private void onCard(java.util.function.Consumer<SmartCardHsm> work) throws Exception {
        try (PersistentCard held = PersistentCard.open(state, SimulatedCard::create)) {
            SmartCardHsm hsm = SmartCardHsm.connect(new SimulatorTransport(held.card()));
            work.accept(hsm);
            held.save();
        }
    }

    private static String kcv(byte[] dkek) {
        try {
            return Hex.encode(MessageDigest.getInstance("SHA-256").digest(dkek), 0, 8);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void backupWritesAPrivateWrapFilePerExportableKeyAndAManifest() throws Exception {
        importShare();
        ok("key", "generate", "--type", "ec:secp256r1", "--id", "1", "--label", "signer", "--pin", PIN);
        generateNonExportable(2);
        String pem = ok("key", "public", "--id", "1", "--pem").out();

        Path backup = dir.resolve("backup");
        SchsmRun done = ok("backup", backup.toString(), "--pin", PIN);
        assertTrue(done.out().contains("1 of 2 keys backed up"), done::toString);
        assertTrue(done.out().contains("Key 02: NOT backed up"), done::toString);

        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(backup)));
        for (String name : new String[] {"key-01.wrap", "manifest.json"}) {
            assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(backup.resolve(name))),
                    name);
        }
        assertFalse(Files.exists(backup.resolve("key-02.wrap")), "the card refused to wrap key 02");
        SchsmRun inspected = ok("key", "inspect-wrap", backup.resolve("key-01.wrap").toString());   // no card, no share
        assertTrue(inspected.out().contains(KCV) && inspected.out().contains("signer"), inspected::toString);
        WrapFile wrapped = WrapFile.decode(Files.readAllBytes(backup.resolve("key-01.wrap")));
        assertEquals(KCV, wrapped.blob().kcvHex());
        assertTrue(wrapped.privateKeyDescription().isPresent() && wrapped.certificate().isPresent(),
                "sc-hsm-tool's layout: blob, PrKD, CV request");

        JsonObject manifest = JsonParser.parseString(Files.readString(backup.resolve("manifest.json"))).getAsJsonObject();
        assertEquals("schsm-backup/1", manifest.get("format").getAsString());
        assertEquals(KCV, manifest.get("dkekKcv").getAsString());
        assertEquals(serial(), manifest.get("deviceSerial").getAsString());
        JsonArray keys = manifest.getAsJsonArray("keys");
        assertEquals(1, keys.size(), manifest::toString);
        JsonObject key = keys.get(0).getAsJsonObject();
        assertEquals(1, key.get("id").getAsInt());
        assertEquals("key-01.wrap", key.get("file").getAsString());
        assertEquals("signer", key.get("label").getAsString());
        assertEquals("EC", key.get("type").getAsString());
        assertEquals(256, key.get("size").getAsInt());
        assertEquals(sha256OfPem(pem), key.get("publicKeySha256").getAsString(), "SHA-256 of the SubjectPublicKeyInfo");
        JsonObject refused = manifest.getAsJsonArray("notExported").get(0).getAsJsonObject();
        assertEquals(2, refused.get("id").getAsInt());
        assertTrue(refused.get("reason").getAsString().contains("6985"), refused::toString);
    }

    @Test
    void backupIsRefusedWhileTheDkekIsIncompleteAndSpendsNoTry() {
        ok("key", "generate", "--type", "ec:secp256r1", "--id", "1", "--pin", PIN);
        Path backup = dir.resolve("backup");
        SchsmRun refused = cli.run("backup", backup.toString(), "--pin", "999999");
        assertEquals(ExitCode.BAD_INPUT, refused.exitCode(), refused::toString);
        assertTrue(refused.err().contains("DKEK is incomplete"), refused::toString);
        assertEquals(1, refused.err().lines().filter(l -> l.startsWith("schsm")).count(), refused::toString);
        assertFalse(Files.exists(backup), "nothing written");
        assertTrue(ok("pin", "status").out().contains("User PIN : 3 tries left"), "the wrong PIN was never sent");
    }

    @Test
    void backupRefusesANonEmptyDirectoryUnlessTold() throws Exception {
        importShare();
        ok("key", "generate", "--type", "ec:secp256r1", "--id", "1", "--pin", PIN);
        Path backup = Files.createDirectories(dir.resolve("backup"));
        Files.writeString(backup.resolve("notes.txt"), "mine");
        SchsmRun refused = cli.run("backup", backup.toString(), "--pin", PIN);
        assertEquals(ExitCode.BAD_INPUT, refused.exitCode(), refused::toString);
        assertTrue(refused.err().contains("not empty"), refused::toString);
        assertTrue(refused.err().contains("--allow-non-empty"), refused::toString);
        ok("backup", backup.toString(), "--allow-non-empty", "--pin", PIN);
        assertEquals("mine", Files.readString(backup.resolve("notes.txt")));
        SchsmRun again = cli.run("backup", backup.toString(), "--allow-non-empty", "--pin", PIN);
        assertEquals(ExitCode.BAD_INPUT, again.exitCode(), "a backup is never overwritten: " + again);
    }

    @Test
    void anUnwritableTargetIsOneClearLine() throws Exception {
        importShare();
        Path file = Files.writeString(dir.resolve("plain-file"), "x");
        SchsmRun notADirectory = cli.run("backup", file.resolve("backup").toString(), "--pin", PIN);
        assertEquals(ExitCode.BAD_INPUT, notADirectory.exitCode(), notADirectory::toString);
        assertEquals(1, notADirectory.err().lines().count(), notADirectory::toString);
        assertTrue(notADirectory.err().contains("cannot create"), notADirectory::toString);
        // /proc cannot hold new files, not even for root: the closest to a read-only disk a test can reach.
        SchsmRun readOnly = cli.run("backup", "/proc/schsm-backup-test", "--pin", PIN);
        assertEquals(ExitCode.BAD_INPUT, readOnly.exitCode(), readOnly::toString);
        assertEquals(1, readOnly.err().lines().count(), readOnly::toString);
        assertTrue(readOnly.err().startsWith("schsm: cannot create /proc/schsm-backup-test: "), readOnly::toString);
    }

    @Test
    void restoreOnTheSameDeviceSkipsExistingKeysUnlessForcedAndChecksPublicKeys() throws Exception {
        importShare();
        ok("key", "generate", "--type", "ec:secp256r1", "--id", "1", "--label", "one", "--pin", PIN);
        ok("key", "generate", "--type", "ec:brainpoolP256r1", "--id", "2", "--label", "two", "--pin", PIN);
        Path backup = dir.resolve("backup");
        ok("backup", backup.toString(), "--pin", PIN);
        ok("key", "delete", "--id", "2", "--force", "--pin", PIN);
        String keyOne = ok("key", "public", "--id", "1", "--pem").out();

        SchsmRun partial = cli.run("restore", backup.toString(), "--pin", PIN);
        assertEquals(ExitCode.GUARD, partial.exitCode(), partial::toString);
        assertTrue(partial.out().contains("Key 01: skipped-exists"), partial::toString);
        assertTrue(partial.out().matches("(?s).*Key 02: restored \\(.*matches\\).*"), partial::toString);
        assertEquals(keyOne, ok("key", "public", "--id", "1", "--pem").out());

        SchsmRun forced = ok("restore", backup.toString(), "--force", "--pin", PIN);
        assertTrue(forced.out().contains("2 restored, 0 skipped, 0 failed"), forced::toString);
        assertEquals(keyOne, ok("key", "public", "--id", "1", "--pem").out(), "the same key came back");
    }

    @Test
    void restoreChecksTheDeviceKcvBeforeSendingAnything() throws Exception {
        importShare();
        ok("key", "generate", "--type", "ec:secp256r1", "--id", "1", "--pin", PIN);
        Path backup = dir.resolve("backup");
        ok("backup", backup.toString(), "--pin", PIN);
        ok("init", "--so-pin", HsmConstants.DEFAULT_SO_PIN, "--pin", PIN, "--dkek-shares", "1", "--force");
        byte[] other = SHARE.clone();
        other[0] ^= 1;
        onCard(hsm -> hsm.importDkekShare(new DkekShare(other)));
        SchsmRun refused = cli.run("restore", backup.toString(), "--pin", "999999");
        assertEquals(ExitCode.BAD_INPUT, refused.exitCode(), refused::toString);
        assertTrue(refused.err().contains(KCV), refused::toString);
        assertTrue(ok("pin", "status").out().contains("User PIN : 3 tries left"), "no PIN was sent");
        assertEquals("[]", JsonParser.parseString(ok("keys", "--json").out()).getAsJsonArray().toString());
    }

    @Test
    void aRestoredKeyWhosePublicKeyDiffersFromTheManifestIsReportedFailed() throws Exception {
        importShare();
        ok("key", "generate", "--type", "ec:secp256r1", "--id", "1", "--pin", PIN);
        Path backup = dir.resolve("backup");
        ok("backup", backup.toString(), "--pin", PIN);
        ok("key", "delete", "--id", "1", "--force", "--pin", PIN);
        Path manifest = backup.resolve("manifest.json");
        JsonObject m = JsonParser.parseString(Files.readString(manifest)).getAsJsonObject();
        m.getAsJsonArray("keys").get(0).getAsJsonObject().addProperty("publicKeySha256", "00".repeat(32));
        Files.writeString(manifest, m.toString());
        SchsmRun restored = cli.run("restore", backup.toString(), "--pin", PIN);
        assertEquals(ExitCode.CARD_REFUSED, restored.exitCode(), restored::toString);
        assertTrue(restored.out().contains("Key 01: failed (public key differs from the manifest"), restored::toString);
    }

    @Test
    void anAlteredOrMissingWrapFileIsBadInputBeforeTheCard() throws Exception {
        importShare();
        ok("key", "generate", "--type", "ec:secp256r1", "--id", "1", "--pin", PIN);
        Path backup = dir.resolve("backup");
        ok("backup", backup.toString(), "--pin", PIN);
        Files.delete(backup.resolve("key-01.wrap"));
        SchsmRun missing = cli.run("restore", backup.toString(), "--pin", "999999");
        assertEquals(ExitCode.BAD_INPUT, missing.exitCode(), missing::toString);
        assertTrue(missing.err().contains("key-01.wrap"), missing::toString);
        SchsmRun noBackup = cli.run("restore", dir.resolve("nowhere").toString(), "--pin", "999999");
        assertEquals(ExitCode.BAD_INPUT, noBackup.exitCode(), noBackup::toString);
        assertTrue(ok("pin", "status").out().contains("User PIN : 3 tries left"));
    }

    @Test
    void doctorOnALastTrySaysWhetherKeysCanBeBackedUp() throws Exception {
        ok("key", "generate", "--type", "ec:secp256r1", "--id", "1", "--pin", PIN);
        for (int i = 0; i < 2; i++) {
            assertNotEquals(ExitCode.OK, cli.run("pin", "verify", "--pin", "999999").exitCode());
        }
        SchsmRun pending = ok("doctor");
        assertTrue(pending.out().contains("The DKEK still misses 1 of 1 shares"), pending::toString);
        assertTrue(pending.out().contains("schsm dkek import SHARE-FILE"), pending::toString);
        JsonObject json = JsonParser.parseString(ok("doctor", "--json").out()).getAsJsonObject();
        assertTrue(json.getAsJsonObject("backup").get("possible").getAsBoolean(), json::toString);

        ok("init", "--so-pin", HsmConstants.DEFAULT_SO_PIN, "--pin", PIN, "--force");   // no DKEK at all
        ok("key", "generate", "--type", "ec:secp256r1", "--id", "1", "--pin", PIN);
        for (int i = 0; i < 2; i++) {
            assertNotEquals(ExitCode.OK, cli.run("pin", "verify", "--pin", "999999").exitCode());
        }
        SchsmRun none = ok("doctor");
        assertTrue(none.out().contains("1 key cannot be backed up: the device was initialized without DKEK shares"),
                none::toString);
        assertFalse(none.out().contains("schsm backup"), none::toString);
    }

    /** A key whose algorithm list lacks WRAP (92): the card will not export it. */
    private void generateNonExportable(int id) throws Exception {
        onCard(hsm -> {
            hsm.verify(PIN);
            hsm.generateKeyPair(id, new KeyGenerationRequest(KeySpec.parse("ec:secp256r1"),
                    KeyGenerationRequest.OPENSC_CAR, "ZZSIMTEST00001", Optional.empty(), new byte[] {0x70},
                    Optional.empty()), "not-exportable");
        });
    }

    private String serial() {
        String out = ok("status", "--json").out();
        return JsonParser.parseString(out).getAsJsonObject().get("serial").getAsString();
    }

    private static String sha256OfPem(String pem) throws Exception {
        byte[] der = Base64.getDecoder().decode(pem.replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", ""));
        return Hex.encode(MessageDigest.getInstance("SHA-256").digest(der)).toLowerCase();
    }
}
