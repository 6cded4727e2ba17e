package org.schsm.cli.hardening;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.stream.Stream;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.openssl.jcajce.JceOpenSSLPKCS8EncryptorBuilder;
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
 * Issue 16 item 11, the leak audit for the DKEK commands: share passwords, key-file passwords,
 * PINs, the share and the DKEK bytes, and the imported private key never show in any output (with
 * the APDU trace on), in log records or in a file the commands write, on the working paths and on
 * the failing ones; every file they write is 0600, every directory 0700. Usage mistakes of these
 * commands are swept with everything else by {@link SecretSweepTest}.
 */
class DkekSecretSweepTest {
    /** The reference share file (S16), password "passwordpassword", and its content. */
    private static final String SHARE_FILE =
            "U2FsdGVkX19svhSIBSqUH/GixQX4+9KdFKpErNW7MLzNCX9YBE7+eseQB6Vh7JgaFmhlWzIcqCgB39n9xXe6BA==";
    private static final String SHARE_PASSWORD = "passwordpassword";
    private static final String SHARE_HEX = "C955AF6FB058CA963D270049DE57B75B175D528B8993D7651DCC4650097CAFFB";
    private static final String PIN = HsmConstants.USER_PIN;
    private static final String SO_PIN = HsmConstants.DEFAULT_SO_PIN;
    private static final String KEY_PASSWORD = "Kp8#vQ2m-import";

    @TempDir
    Path dir;

    @Test
    void dkekCommandsLeakNoPasswordShareDkekOrKeyOnAnyPath() throws Exception {
        Path state = dir.resolve("card.state");
        Path share = Files.write(dir.resolve("share.pbe"), Base64.getDecoder().decode(SHARE_FILE));
        List<String> secrets = new ArrayList<>(List.of(SHARE_PASSWORD, PIN, KEY_PASSWORD, SHARE_HEX,
                wrongPin(), "wrong-share-password"));
        KeyPairGenerator gen = KeyPairGenerator.getInstance("EC");
        gen.initialize(new ECGenParameterSpec("secp256r1"));
        KeyPair pair = gen.generateKeyPair();
        byte[] d = ((java.security.interfaces.ECPrivateKey) pair.getPrivate()).getS().toByteArray();
        secrets.add(Hex.encode(d, d.length - 16, 16));   // any 16 bytes of the private key
        Path keyFile = Files.writeString(dir.resolve("key.pem"), encryptedPem(pair));

        List<SchsmRun> runs = new ArrayList<>();
        runs.add(expect(ExitCode.OK, sim(state, "init", "--so-pin", SO_PIN, "--pin", PIN, "--dkek-shares", "1")));
        try (PersistentCard held = PersistentCard.open(state, SimulatedCard::create)) {   // the share file's content, raw
            SmartCardHsm.connect(new SimulatorTransport(held.card())).importDkekShare(new DkekShare(Hex.decode(SHARE_HEX)));
            held.save();
        }
        // failing paths: a wrong share password, a wrong key password, a wrong PIN
        runs.add(expect(ExitCode.BAD_INPUT, sim(state, "-v", "key", "import", "--in", keyFile.toString(), "--id", "1",
                "--key-password", "wrong-share-password", "--share", share.toString(), "--password", SHARE_PASSWORD,
                "--pin", PIN)));
        runs.add(notOk(sim(state, "-v", "key", "import", "--in", keyFile.toString(), "--id", "1",
                "--key-password", KEY_PASSWORD, "--share", share.toString(), "--password", "wrong-share-password",
                "--pin", PIN)));
        runs.add(notOk(sim(state, "-v", "backup", dir.resolve("refused").toString(), "--pin", wrongPin())));
        // working paths, with the trace on
        runs.add(expect(ExitCode.OK, sim(state, "-v", "key", "import", "--in", keyFile.toString(), "--id", "1",
                "--key-password", KEY_PASSWORD, "--share", share.toString(), "--password", SHARE_PASSWORD, "--pin", PIN)));
        Path backup = dir.resolve("backup");
        runs.add(expect(ExitCode.OK, sim(state, "-v", "backup", backup.toString(), "--pin", PIN)));
        runs.add(expect(ExitCode.OK, sim(state, "-v", "key", "wrap", "--id", "1", "--out",
                dir.resolve("one.wrap").toString(), "--pin", PIN)));
        runs.add(expect(ExitCode.OK, sim(state, "-v", "restore", backup.toString(), "--force", "--pin", PIN)));
        runs.add(expect(ExitCode.OK, InProcessSchsm.capturingStrayOutput().run("dkek", "inspect-wrap", backup.resolve("key-01.wrap").toString(),
                "--share", share.toString(), "--password", SHARE_PASSWORD)));

        for (SchsmRun r : runs) {
            for (String s : secrets) {
                assertNoSecret(r.everything(), s, r.toString());
            }
        }
        // the files the commands wrote: private, and no secret in clear in any of them
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : files.filter(p -> p.startsWith(backup) || p.getFileName().toString().endsWith(".wrap")).toList()) {
                String mode = PosixFilePermissions.toString(Files.getPosixFilePermissions(p));
                assertEquals(Files.isDirectory(p) ? "rwx------" : "rw-------", mode, p.toString());
                if (Files.isRegularFile(p)) {
                    String content = new String(Files.readAllBytes(p), StandardCharsets.ISO_8859_1);
                    String hex = Hex.encode(Files.readAllBytes(p));
                    for (String s : secrets) {
                        assertNoSecret(content + "\n" + hex, s, p.toString());
                    }
                }
            }
        }
    }

    private static String wrongPin() {
        return "135790";
    }

    private static SchsmRun sim(Path state, String... args) {
        List<String> all = new ArrayList<>(List.of("-r", "sim", "--sim-state", state.toString()));
        all.addAll(List.of(args));
        return InProcessSchsm.capturingStrayOutput().run(all.toArray(String[]::new));
    }

    private static SchsmRun expect(int code, SchsmRun r) {
        assertEquals(code, r.exitCode(), r::toString);
        return r;
    }

    private static SchsmRun notOk(SchsmRun r) {
        assertNotEquals(ExitCode.OK, r.exitCode(), r::toString);
        return r;
    }

    /** The secret, in clear or as hex (with or without spaces, any case), must not be in {@code text}. */
    private static void assertNoSecret(String text, String secret, String where) {
        String flat = text.replaceAll("[ :\\n]", "").toUpperCase();
        boolean hex = secret.matches("[0-9A-F]+") && secret.length() >= 16;
        String asHex = Hex.encode(secret.getBytes(StandardCharsets.UTF_8));
        assertTrue(!text.contains(secret) && !flat.contains(asHex) && !(hex && flat.contains(secret)),
                "a secret shows in " + where);
    }

    private static String encryptedPem(KeyPair pair) throws Exception {
        StringWriter pem = new StringWriter();
        try (JcaPEMWriter w = new JcaPEMWriter(pem)) {
            w.writeObject(new JcaPKCS8Generator(pair.getPrivate(), new JceOpenSSLPKCS8EncryptorBuilder(
                    org.bouncycastle.openssl.PKCS8Generator.AES_256_CBC).setProvider(new org.bouncycastle.jce.provider.BouncyCastleProvider())
                    .setPassword(KEY_PASSWORD.toCharArray()).build()));
        }
        return pem.toString();
    }
}
