package org.schsm.cli.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.schsm.session.ExitCode;
import org.schsm.testkit.InteropTest;
import org.schsm.testkit.ProcessResult;
import org.schsm.testkit.ProcessRunner;
import org.schsm.testkit.Requirement;
import org.schsm.testkit.SchsmRun;

/**
 * Keys made by OpenSC are schsm's keys and the other way round, on the card {@code schsm sim serve}
 * would serve (issue 15 item 13): pkcs11-tool generates EC P-256 and RSA 2048 key pairs with labels;
 * pkcs11-tool and schsm list the same labels; a key schsm generates is listed by pkcs11-tool under
 * its label; signatures made by pkcs11-tool and by schsm verify with openssl against the public key
 * schsm prints; pkcs15-tool shows the serial schsm status shows.
 */
@InteropTest({Requirement.PCSCD, Requirement.VPCD_DRIVER, Requirement.OPENSC_TOOL, Requirement.VPCD_READER,
        Requirement.SC_HSM_TOOL, Requirement.PKCS11_TOOL, Requirement.PKCS11_MODULE, Requirement.PKCS15_TOOL,
        Requirement.OPENSSL})
@Timeout(300)
class KeysInteropTest extends CardInReaderTest {
    private static final Pattern P11_LABEL = Pattern.compile("(?m)^\\s*label:\\s*(.*)$");
    private static final Pattern P11_ID = Pattern.compile("(?m)^\\s*ID:\\s*([0-9a-fA-F]+)\\s*$");

    @Test
    void keysGeneratedByEitherSideAreListedAndSignedByBoth() throws Exception {
        reader = CardInReader.insertFresh(dir.resolve("card.state"));
        Tools.initialize();

        ProcessResult ec = Tools.pkcs11Tool("--login", "--pin", Tools.USER_PIN, "--keypairgen",
                "--key-type", "EC:prime256v1", "--label", "p11-ec");
        assertTrue(ec.succeeded(), ec.describe());
        ProcessResult rsa = Tools.pkcs11Tool("--login", "--pin", Tools.USER_PIN, "--keypairgen",
                "--key-type", "rsa:2048", "--label", "p11-rsa");
        assertTrue(rsa.succeeded(), rsa.describe());
        SchsmRun generated = Tools.schsm("key", "generate", "--type", "ec:secp256r1", "--label", "schsm-ec",
                "--pin", Tools.USER_PIN);
        assertEquals(ExitCode.OK, generated.exitCode(), generated.toString());

        ProcessResult objects = Tools.pkcs11Tool("--login", "--pin", Tools.USER_PIN, "-O");
        assertTrue(objects.succeeded(), objects.describe());
        String listing = objects.stdout();
        Map<String, String> p11Ids = privateKeyIdsByLabel(listing);
        for (String label : new String[] {"p11-ec", "p11-rsa", "schsm-ec"}) {
            assertTrue(p11Ids.containsKey(label), "pkcs11-tool -O lists no private key '" + label + "'\n" + listing);
        }
        Map<String, JsonObject> keys = schsmKeysByLabel();
        assertEquals(p11Ids.keySet(), keys.keySet(),
                "schsm keys and pkcs11-tool -O name the same keys\n" + listing);
        assertEquals("EC", keys.get("p11-ec").get("type").getAsString(), keys.toString());
        assertEquals("secp256r1", keys.get("p11-ec").get("curve").getAsString(), keys.toString());
        assertEquals("RSA", keys.get("p11-rsa").get("type").getAsString(), keys.toString());
        assertEquals(2048, keys.get("p11-rsa").get("size").getAsInt(), keys.toString());

        Path message = dir.resolve("message.txt");
        Files.writeString(message, "signed on a simulated SmartCard-HSM\n", StandardCharsets.UTF_8);

        Path ecSignature = dir.resolve("p11-ec.sig");
        ProcessResult ecSign = Tools.pkcs11Tool("--login", "--pin", Tools.USER_PIN, "--sign", "--id", p11Ids.get("p11-ec"),
                "-m", "ECDSA-SHA256", "--signature-format", "openssl", "--input-file", message.toString(),
                "--output-file", ecSignature.toString());
        assertTrue(ecSign.succeeded(), ecSign.describe());
        assertVerifies(publicPem(keys.get("p11-ec")), message, ecSignature);

        Path rsaSignature = dir.resolve("p11-rsa.sig");
        ProcessResult rsaSign = Tools.pkcs11Tool("--login", "--pin", Tools.USER_PIN, "--sign", "--id", p11Ids.get("p11-rsa"),
                "-m", "SHA256-RSA-PKCS", "--input-file", message.toString(), "--output-file", rsaSignature.toString());
        assertTrue(rsaSign.succeeded(), rsaSign.describe());
        assertVerifies(publicPem(keys.get("p11-rsa")), message, rsaSignature);

        // RSA-PSS: OpenSC hashes on the host and sends algorithm 40 with the hash; the card encodes
        // PSS with MGF1-SHA-256 and a 32-byte salt, which openssl checks strictly.
        Path pssSignature = dir.resolve("p11-rsa-pss.sig");
        ProcessResult pssSign = Tools.pkcs11Tool("--login", "--pin", Tools.USER_PIN, "--sign", "--id",
                p11Ids.get("p11-rsa"), "-m", "SHA256-RSA-PKCS-PSS", "--input-file", message.toString(),
                "--output-file", pssSignature.toString());
        assertTrue(pssSign.succeeded(), pssSign.describe());
        assertVerifies(publicPem(keys.get("p11-rsa")), message, pssSignature, "-sigopt", "rsa_padding_mode:pss",
                "-sigopt", "rsa_pss_saltlen:32", "-sigopt", "rsa_mgf1_md:sha256");

        for (String label : new String[] {"schsm-ec", "p11-rsa"}) {
            Path signature = dir.resolve(label + ".schsm.sig");
            SchsmRun sign = Tools.schsm("key", "sign", "--id", keys.get(label).get("id").getAsString(),
                    "--in", message.toString(), "--out", signature.toString(), "--pin", Tools.USER_PIN);
            assertEquals(ExitCode.OK, sign.exitCode(), sign.toString());
            assertVerifies(publicPem(keys.get(label)), message, signature);
        }
    }

    @Test
    void pkcs15ToolShowsTheSerialSchsmStatusShows() throws Exception {
        reader = CardInReader.insertFresh(dir.resolve("card.state"));
        Tools.initialize();

        String serial = StatusAgreement.schsmStatus().get("serial").getAsString();
        ProcessResult dump = ProcessRunner.run(ProcessRunner.DEFAULT_TIMEOUT, Map.of(),
                "pkcs15-tool", "--reader", CardInReader.NAME, "--dump");
        assertTrue(dump.succeeded(), dump.describe());
        Matcher m = Pattern.compile("(?m)^\\s*Serial number\\s*:\\s*(\\S+)\\s*$").matcher(dump.stdout());
        assertTrue(m.find(), "pkcs15-tool --dump shows no serial number\n" + dump.stdout());
        assertEquals(serial, m.group(1), dump.stdout());
    }

    /**
     * The private key objects of a {@code pkcs11-tool -O} listing: label to CKA_ID (hex). pkcs11-tool
     * 0.23 picks the key to sign with by {@code --id} only (with {@code --label} it takes the first
     * private key), so signing goes by this id.
     */
    private static Map<String, String> privateKeyIdsByLabel(String listing) {
        Map<String, String> ids = new TreeMap<>();
        for (String object : listing.split("(?m)^(?=\\S)")) {
            Matcher label = P11_LABEL.matcher(object);
            Matcher id = P11_ID.matcher(object);
            if (object.startsWith("Private Key Object") && label.find() && id.find()) {
                ids.put(label.group(1).trim(), id.group(1));
            }
        }
        return ids;
    }

    private static Map<String, JsonObject> schsmKeysByLabel() {
        SchsmRun run = Tools.schsm("keys", "--json");
        assertEquals(ExitCode.OK, run.exitCode(), run.toString());
        JsonArray array = JsonParser.parseString(run.out()).getAsJsonArray();
        Map<String, JsonObject> byLabel = new TreeMap<>();
        for (JsonElement e : array) {
            JsonObject key = e.getAsJsonObject();
            byLabel.put(key.get("label").getAsString(), key);
        }
        return byLabel;
    }

    private Path publicPem(JsonObject key) throws Exception {
        SchsmRun run = Tools.schsm("key", "public", "--id", key.get("id").getAsString(), "--pem");
        assertEquals(ExitCode.OK, run.exitCode(), run.toString());
        assertTrue(run.out().startsWith("-----BEGIN PUBLIC KEY-----"), run.toString());
        Path pem = dir.resolve("key" + key.get("id").getAsString() + ".pem");
        Files.writeString(pem, run.out(), StandardCharsets.US_ASCII);
        return pem;
    }

    private static void assertVerifies(Path publicKey, Path message, Path signature, String... options) {
        java.util.List<String> command = new java.util.ArrayList<>(java.util.List.of("openssl", "dgst", "-sha256",
                "-verify", publicKey.toString(), "-signature", signature.toString()));
        command.addAll(java.util.List.of(options));
        command.add(message.toString());
        ProcessResult verify = ProcessRunner.run(command.toArray(String[]::new));
        assertTrue(verify.succeeded() && verify.stdout().contains("Verified OK"), verify.describe());
    }
}
