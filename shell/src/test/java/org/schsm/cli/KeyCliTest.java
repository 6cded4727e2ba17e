package org.schsm.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.schsm.session.ExitCode;
import org.schsm.testkit.HsmConstants;
import org.schsm.testkit.InProcessSchsm;
import org.schsm.testkit.SchsmRun;

/** {@code schsm key generate|sign|public|delete} against the embedded simulator. */
class KeyCliTest {
    private static final String PIN = HsmConstants.USER_PIN;

    @TempDir
    Path dir;
    InProcessSchsm cli;

    @BeforeEach
    void setUp() {
        cli = InProcessSchsm.onSimulator(dir.resolve("card.state"));
        ok("init", "--so-pin", "3537363231383830", "--pin", PIN);
    }

    private SchsmRun ok(String... args) {
        SchsmRun r = cli.run(args);
        assertEquals(ExitCode.OK, r.exitCode(), r::toString);
        return r;
    }

    @Test
    void generatedKeysAreListedWithLabelsAndTheirSignaturesVerify() throws Exception {
        assertTrue(ok("key", "generate", "--type", "ec:secp256r1", "--label", "ec one", "--pin", PIN).out()
                .contains("Generated key 01: EC 256 bits secp256r1, label \"ec one\""));
        ok("key", "generate", "--type", "rsa:2048", "--id", "5", "--label", "rsa five", "--pin", PIN);
        JsonArray keys = JsonParser.parseString(ok("keys", "--json").out()).getAsJsonArray();
        assertEquals(2, keys.size());
        JsonObject ec = keys.get(0).getAsJsonObject();
        assertEquals(1, ec.get("id").getAsInt());
        assertEquals("EC", ec.get("type").getAsString());
        assertEquals(256, ec.get("size").getAsInt());
        assertEquals("secp256r1", ec.get("curve").getAsString());
        assertEquals("ec one", ec.get("label").getAsString());
        JsonObject rsa = keys.get(1).getAsJsonObject();
        assertEquals(5, rsa.get("id").getAsInt());
        assertEquals("RSA", rsa.get("type").getAsString());
        assertEquals(2048, rsa.get("size").getAsInt());
        assertEquals("rsa five", rsa.get("label").getAsString());

        Path message = Files.write(dir.resolve("message.txt"), "sign me".getBytes());
        for (String[] key : new String[][] {{"1", "EC", "SHA256withECDSA"}, {"5", "RSA", "SHA256withRSA"}}) {
            Path signature = dir.resolve("sig-" + key[0]);
            ok("key", "sign", "--id", key[0], "--in", message.toString(), "--out", signature.toString(), "--pin", PIN);
            PublicKey publicKey = fromPem(ok("key", "public", "--id", key[0], "--pem").out(), key[1]);
            Signature verifier = Signature.getInstance(key[2]);
            verifier.initVerify(publicKey);
            verifier.update(Files.readAllBytes(message));
            assertTrue(verifier.verify(Files.readAllBytes(signature)), "signature of key " + key[0]);
        }
    }

    @Test
    void deleteNeedsForce() {
        ok("key", "generate", "--type", "ec:secp256r1", "--id", "2", "--pin", PIN);
        SchsmRun refused = cli.run("key", "delete", "--id", "2", "--pin", PIN);
        assertEquals(ExitCode.GUARD, refused.exitCode(), refused::toString);
        assertEquals(1, JsonParser.parseString(ok("keys", "--json").out()).getAsJsonArray().size());
        ok("key", "delete", "--id", "2", "--force", "--pin", PIN);
        assertEquals(0, JsonParser.parseString(ok("keys", "--json").out()).getAsJsonArray().size());
    }

    @Test
    void badKeyTypeIsBadInputBeforeTheCard() {
        SchsmRun r = cli.run("key", "generate", "--type", "dsa:1024", "--pin", PIN);
        assertEquals(ExitCode.BAD_INPUT, r.exitCode(), r::toString);
        assertEquals(1, r.err().strip().lines().count(), r::toString);
    }

    private static PublicKey fromPem(String pem, String algorithm) throws Exception {
        String base64 = pem.replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
        return KeyFactory.getInstance(algorithm).generatePublic(new X509EncodedKeySpec(Base64.getDecoder().decode(base64)));
    }
}
