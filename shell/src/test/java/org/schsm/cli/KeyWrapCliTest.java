package org.schsm.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonParser;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.schsm.hsm.dkek.WrapFile;
import org.schsm.session.ExitCode;
import org.schsm.testkit.HsmConstants;
import org.schsm.testkit.InProcessSchsm;
import org.schsm.testkit.SchsmRun;

/** {@code schsm key wrap|unwrap} against the embedded simulator with the reference share (KCV 2AFA121E8764A1E3). */
class KeyWrapCliTest {
    /** sc-hsm-tool --create-dkek-share output (reference S16), password "passwordpassword". */
    static final String SHARE_FILE =
            "U2FsdGVkX19svhSIBSqUH/GixQX4+9KdFKpErNW7MLzNCX9YBE7+eseQB6Vh7JgaFmhlWzIcqCgB39n9xXe6BA==";
    static final String SO_PIN = HsmConstants.DEFAULT_SO_PIN;
    static final String PIN = HsmConstants.USER_PIN;

    @TempDir
    Path dir;
    InProcessSchsm cli;
    Path share;

    @BeforeEach
    void setUp() throws Exception {
        cli = InProcessSchsm.onSimulator(dir.resolve("card.state"));
        share = Files.write(dir.resolve("dkek-share-1.pbe"), Base64.getDecoder().decode(SHARE_FILE));
        ok("init", "--so-pin", SO_PIN, "--pin", PIN, "--dkek-shares", "1");
    }

    private SchsmRun ok(String... args) {
        SchsmRun r = cli.run(args);
        assertEquals(ExitCode.OK, r.exitCode(), r::toString);
        assertFalse(r.all().contains("passwordpassword"), "no password in any output");
        return r;
    }

    @Test
    void wrapIsRefusedByTheCardWhileTheDkekIsIncomplete() {
        ok("key", "generate", "--type", "ec:secp256r1", "--id", "1", "--pin", PIN);
        Path out = dir.resolve("key1.wrap");
        SchsmRun refused = cli.run("key", "wrap", "--id", "1", "--out", out.toString(), "--pin", PIN);
        assertEquals(ExitCode.CARD_REFUSED, refused.exitCode(), refused::toString);
        assertTrue(refused.err().matches("(?s).*6[9A][0-9A-F]{2}.*"), "the card's status word is shown: " + refused);
        assertFalse(Files.exists(out), "nothing written");
    }

    @Test
    void wrapWritesAPrivateScHsmToolFileAndNeverOverwrites() throws Exception {
        ok("dkek", "import", share.toString(), "--password", "passwordpassword");
        ok("key", "generate", "--type", "ec:secp256r1", "--id", "3", "--label", "wrapped", "--pin", PIN);
        Path out = dir.resolve("key3.wrap");
        SchsmRun wrapped = ok("key", "wrap", "--id", "3", "--out", out.toString(), "--pin", PIN);
        assertTrue(wrapped.out().contains("DKEK KCV 2AFA121E8764A1E3"), wrapped::toString);
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(out)));
        WrapFile file = WrapFile.decode(Files.readAllBytes(out));
        assertEquals("2AFA121E8764A1E3", file.blob().kcvHex());
        assertTrue(file.privateKeyDescription().isPresent(), "PrKD C403 is in the file");
        assertTrue(file.certificate().isPresent(), "CV request CE03 is in the file");

        byte[] before = Files.readAllBytes(out);
        SchsmRun again = cli.run("key", "wrap", "--id", "3", "--out", out.toString(), "--pin", PIN);
        assertEquals(ExitCode.BAD_INPUT, again.exitCode(), again::toString);
        assertTrue(again.err().contains("already exists"), again::toString);
        assertArrayEquals(before, Files.readAllBytes(out), "the existing file is untouched");
    }

    @Test
    void wrapDeleteUnwrapGivesTheSameKeyThatStillSigns() throws Exception {
        ok("dkek", "import", share.toString(), "--password", "passwordpassword");
        ok("key", "generate", "--type", "ec:secp256r1", "--id", "4", "--label", "round trip", "--pin", PIN);
        String keysBefore = keys();
        String pem = ok("key", "public", "--id", "4", "--pem").out();
        Path wrap = dir.resolve("key4.wrap");
        ok("key", "wrap", "--id", "4", "--out", wrap.toString(), "--pin", PIN);
        ok("key", "delete", "--id", "4", "--force", "--pin", PIN);
        assertEquals("[]", keys());

        SchsmRun unwrapped = ok("key", "unwrap", "--in", wrap.toString(), "--id", "4", "--pin", PIN);
        assertTrue(unwrapped.out().contains("Key 04 unwrapped"), unwrapped::toString);
        assertEquals(keysBefore, keys(), "same id, label, type and size");
        assertEquals(pem, ok("key", "public", "--id", "4", "--pem").out());

        Path message = Files.writeString(dir.resolve("message.txt"), "signed by an unwrapped key");
        Path signature = dir.resolve("sig");
        ok("key", "sign", "--id", "4", "--in", message.toString(), "--out", signature.toString(), "--pin", PIN);
        Signature verifier = Signature.getInstance("SHA256withECDSA");
        verifier.initVerify(publicKey(pem));
        verifier.update(Files.readAllBytes(message));
        assertTrue(verifier.verify(Files.readAllBytes(signature)));
    }

    @Test
    void unwrapOverAnExistingKeyNeedsForce() {
        ok("dkek", "import", share.toString(), "--password", "passwordpassword");
        ok("key", "generate", "--type", "ec:secp256r1", "--id", "5", "--label", "old", "--pin", PIN);
        Path wrap = dir.resolve("key5.wrap");
        ok("key", "wrap", "--id", "5", "--out", wrap.toString(), "--pin", PIN);
        ok("key", "delete", "--id", "5", "--force", "--pin", PIN);
        ok("key", "generate", "--type", "ec:secp256r1", "--id", "5", "--label", "new", "--pin", PIN);
        String newKey = ok("key", "public", "--id", "5", "--pem").out();

        SchsmRun refused = cli.run("key", "unwrap", "--in", wrap.toString(), "--id", "5", "--pin", PIN);
        assertEquals(ExitCode.GUARD, refused.exitCode(), refused::toString);
        assertEquals(newKey, ok("key", "public", "--id", "5", "--pem").out(), "the existing key is untouched");

        ok("key", "unwrap", "--in", wrap.toString(), "--id", "5", "--force", "--pin", PIN);
        assertTrue(keys().contains("\"old\""), "the wrapped key replaced the new one");
    }

    @Test
    void aWrapFileOfAnotherDkekChangesNothing() throws Exception {
        ok("dkek", "import", share.toString(), "--password", "passwordpassword");
        ok("key", "generate", "--type", "ec:secp256r1", "--id", "6", "--pin", PIN);
        Path wrap = dir.resolve("key6.wrap");
        ok("key", "wrap", "--id", "6", "--out", wrap.toString(), "--pin", PIN);
        byte[] bytes = Files.readAllBytes(wrap);
        WrapFile file = WrapFile.decode(bytes);
        byte[] blob = file.keyBlob();
        blob[0] ^= 0x01; // the KCV is the blob's first 8 bytes
        Path other = dir.resolve("other.wrap");
        Files.write(other, new WrapFile(blob, file.privateKeyDescription(), file.certificate()).encode());
        String pem = ok("key", "public", "--id", "6", "--pem").out();
        SchsmRun refused = cli.run("key", "unwrap", "--in", other.toString(), "--id", "6", "--force", "--pin", PIN);
        assertEquals(ExitCode.BAD_INPUT, refused.exitCode(), refused::toString);
        assertTrue(refused.err().contains("2AFA121E8764A1E3"), refused::toString);
        assertEquals(pem, ok("key", "public", "--id", "6", "--pem").out(), "the key is still there");
    }

    private String keys() {
        JsonArray keys = JsonParser.parseString(ok("keys", "--json").out()).getAsJsonArray();
        return keys.toString();
    }

    private static PublicKey publicKey(String pem) throws Exception {
        String base64 = pem.replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
        return KeyFactory.getInstance("EC").generatePublic(new X509EncodedKeySpec(Base64.getDecoder().decode(base64)));
    }
}
