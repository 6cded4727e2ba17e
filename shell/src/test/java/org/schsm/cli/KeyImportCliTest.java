package org.schsm.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.ByteArrayOutputStream;
import java.io.StringWriter;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.MessageDigest;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.util.Base64;
import java.util.Date;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.schsm.apdu.Hex;
import org.schsm.hsm.SmartCardHsm;
import org.schsm.hsm.dkek.DkekShare;
import org.schsm.session.ExitCode;
import org.schsm.testkit.HsmConstants;
import org.schsm.testkit.InProcessSchsm;
import org.schsm.testkit.SchsmRun;
import org.schsm.simulator.PersistentCard;
import org.schsm.simulator.SimulatedCard;
import org.schsm.simulator.SimulatorTransport;

/**
 * {@code schsm key import}: a key from outside (PEM EC, PKCS#12 RSA with its certificate) goes onto
 * the card under the DKEK of the reference share file, signs there, and the signature verifies
 * with the original public key. Each import opens the share file (3 x 10,000,000 MD5 rounds).
 */
class KeyImportCliTest {
    /** The reference share file's content (S16), decrypted: the DKEK of a one-share device, KCV 2AFA121E8764A1E3. */
    private static final byte[] REFERENCE_SHARE =
            Hex.decode("C955AF6FB058CA963D270049DE57B75B175D528B8993D7651DCC4650097CAFFB");
    private static final String SHARE_PASSWORD = "passwordpassword";
    private static final String P12_PASSWORD = "p12-secret";
    private static final String PIN = HsmConstants.USER_PIN;
    private static final BouncyCastleProvider BC = new BouncyCastleProvider();

    @TempDir
    Path dir;
    InProcessSchsm cli;
    Path state;
    Path share;

    @BeforeEach
    void setUp() throws Exception {
        state = dir.resolve("card.state");
        cli = InProcessSchsm.onSimulator(state);
        share = Files.write(dir.resolve("dkek-share-1.pbe"), Base64.getDecoder().decode(KeyWrapCliTest.SHARE_FILE));
        ok("init", "--so-pin", HsmConstants.DEFAULT_SO_PIN, "--pin", PIN, "--dkek-shares", "1");
    }

    private void importRawShare(byte[] value) throws Exception {
        try (PersistentCard held = PersistentCard.open(state, SimulatedCard::create)) {
            SmartCardHsm.connect(new SimulatorTransport(held.card())).importDkekShare(new DkekShare(value.clone()));
            held.save();
        }
    }

    private SchsmRun ok(String... args) {
        SchsmRun r = cli.run(args);
        assertEquals(ExitCode.OK, r.exitCode(), r::toString);
        assertNoSecret(r);
        return r;
    }

    private static void assertNoSecret(SchsmRun r) {
        for (String secret : new String[] {SHARE_PASSWORD, P12_PASSWORD, PIN, "C955AF6F", "c955af6f"}) {
            assertFalse(r.all().contains(secret), "no secret in any output: " + r);
        }
    }

    @Test
    void importedEcAndRsaKeysSignAndTheSignaturesVerifyWithTheOriginalPublicKeys() throws Exception {
        importRawShare(REFERENCE_SHARE);
        KeyPairGenerator ecGen = KeyPairGenerator.getInstance("EC", BC);   // PEM as openssl ecparam -genkey writes it
        ecGen.initialize(new ECGenParameterSpec("secp256r1"));
        KeyPair ec = ecGen.generateKeyPair();
        StringWriter pem = new StringWriter();
        try (JcaPEMWriter w = new JcaPEMWriter(pem)) {
            w.writeObject(ec.getPrivate());
        }
        Path ecFile = Files.writeString(dir.resolve("ec.pem"), pem.toString());

        KeyPairGenerator rsaGen = KeyPairGenerator.getInstance("RSA");
        rsaGen.initialize(2048);
        KeyPair rsa = rsaGen.generateKeyPair();
        X509Certificate cert = selfSigned(rsa);
        Path rsaFile = dir.resolve("rsa.p12");
        Files.write(rsaFile, pkcs12(rsa, cert));

        SchsmRun ecImported = ok("key", "import", "--in", ecFile.toString(), "--id", "7", "--label", "from-pem",
                "--share", share.toString(), "--password", SHARE_PASSWORD, "--pin", PIN);
        assertTrue(ecImported.out().contains("Key 07 imported from ec.pem: EC 256 bits, DKEK KCV 2AFA121E8764A1E3"),
                ecImported::toString);
        assertTrue(ecImported.out().contains(sha256(ec.getPublic().getEncoded())), "the original key's fingerprint");
        SchsmRun rsaImported = ok("key", "import", "--in", rsaFile.toString(), "--id", "8", "--label", "from-p12",
                "--key-password", P12_PASSWORD, "--share", share.toString(), "--password", SHARE_PASSWORD, "--pin", PIN);
        assertTrue(rsaImported.out().contains("RSA 2048 bits with its certificate"), rsaImported::toString);

        JsonArray keys = JsonParser.parseString(ok("keys", "--json").out()).getAsJsonArray();
        assertEquals(2, keys.size(), keys::toString);
        JsonObject ecKey = keys.get(0).getAsJsonObject();
        assertEquals("from-pem", ecKey.get("label").getAsString());
        assertEquals("EC", ecKey.get("type").getAsString());
        JsonObject rsaKey = keys.get(1).getAsJsonObject();
        assertEquals("from-p12", rsaKey.get("label").getAsString());
        assertEquals("certificate", rsaKey.get("credential").getAsString(), "the PKCS#12 certificate went to CE08");

        Path message = Files.writeString(dir.resolve("message.txt"), "signed by an imported key");
        verify(sign("7", message), "SHA256withECDSA", ec, message);
        verify(sign("8", message), "SHA256withRSA", rsa, message);
    }

    @Test
    void aDeviceWithAnotherDkekRefusesTheImportBeforeAnythingChanges() throws Exception {
        byte[] other = REFERENCE_SHARE.clone();
        other[31] ^= 1;
        importRawShare(other);
        KeyPairGenerator ecGen = KeyPairGenerator.getInstance("EC");
        ecGen.initialize(new ECGenParameterSpec("secp256r1"));
        Path keyFile = dir.resolve("ec.der");
        Files.write(keyFile, ecGen.generateKeyPair().getPrivate().getEncoded());
        SchsmRun refused = cli.run("key", "import", "--in", keyFile.toString(), "--id", "1",
                "--share", share.toString(), "--password", SHARE_PASSWORD, "--pin", PIN);
        assertEquals(ExitCode.BAD_INPUT, refused.exitCode(), refused::toString);
        assertTrue(refused.err().contains("2AFA121E8764A1E3"), refused::toString);
        assertNoSecret(refused);
        assertEquals("[]", JsonParser.parseString(ok("keys", "--json").out()).getAsJsonArray().toString());
    }

    @Test
    void badInputIsRefusedBeforeAnyShareIsOpened() throws Exception {
        Path notAKey = Files.writeString(dir.resolve("notes.txt"), "hello");
        SchsmRun refused = cli.run("key", "import", "--in", notAKey.toString(), "--id", "1",
                "--share", share.toString(), "--password", SHARE_PASSWORD, "--key-password", "x", "--pin", PIN);
        assertEquals(ExitCode.BAD_INPUT, refused.exitCode(), refused::toString);
        assertTrue(refused.err().contains("not a private key file"), refused::toString);
        SchsmRun badId = cli.run("key", "import", "--in", notAKey.toString(), "--id", "0",
                "--share", share.toString(), "--password", SHARE_PASSWORD, "--pin", PIN);
        assertEquals(ExitCode.BAD_INPUT, badId.exitCode(), badId::toString);
        assertNoSecret(refused);
    }

    private byte[] sign(String id, Path message) throws Exception {
        Path signature = dir.resolve("sig-" + id);
        ok("key", "sign", "--id", id, "--in", message.toString(), "--out", signature.toString(), "--pin", PIN);
        return Files.readAllBytes(signature);
    }

    private static void verify(byte[] signature, String algorithm, KeyPair original, Path message) throws Exception {
        Signature verifier = Signature.getInstance(algorithm);
        verifier.initVerify(original.getPublic());
        verifier.update(Files.readAllBytes(message));
        assertTrue(verifier.verify(signature), algorithm + " signature verifies with the original public key");
    }

    private static X509Certificate selfSigned(KeyPair pair) throws Exception {
        X500Name name = new X500Name("CN=schsm import test");
        return new JcaX509CertificateConverter().setProvider(BC).getCertificate(
                new JcaX509v3CertificateBuilder(name, BigInteger.ONE, new Date(0), new Date(4_000_000_000_000L), name,
                        pair.getPublic()).build(new JcaContentSignerBuilder("SHA256withRSA").setProvider(BC)
                                .build(pair.getPrivate())));
    }

    private static byte[] pkcs12(KeyPair pair, X509Certificate cert) throws Exception {
        KeyStore store = KeyStore.getInstance("PKCS12", BC);
        store.load(null, null);
        store.setKeyEntry("key", pair.getPrivate(), P12_PASSWORD.toCharArray(), new java.security.cert.Certificate[] {cert});
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        store.store(out, P12_PASSWORD.toCharArray());
        return out.toByteArray();
    }

    private static String sha256(byte[] data) throws Exception {
        return Hex.encode(MessageDigest.getInstance("SHA-256").digest(data)).toLowerCase();
    }
}
