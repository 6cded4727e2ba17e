package org.schsm.hsm.dkek;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.security.spec.ECGenParameterSpec;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.schsm.apdu.Hex;
import org.schsm.hsm.pkcs15.KeyType;
import org.schsm.hsm.RealData;
import org.schsm.hsm.cvc.AuthenticatedRequest;
import org.schsm.hsm.pkcs15.PrivateKeyDescription;

/** The key blob of reference §6.2, against the real Nitrokey HSM export (appendix A check 2). */
class KeyBlobTest {
    /** JDK 17's SunEC cannot generate or sign on brainpool curves; Bouncy Castle can (not registered globally). */
    private static final java.security.Provider BC = new org.bouncycastle.jce.provider.BouncyCastleProvider();

    @Test
    void realBlobHeaderFields() {
        KeyBlob blob = KeyBlob.parse(RealData.keyBlob());
        assertEquals("97E303855DC1C54D", blob.kcvHex());
        assertEquals(KeyBlob.TYPE_EC, blob.keyType());
        assertEquals("EC", blob.keyTypeName());
        assertEquals("04007F00070202020203", Hex.encode(blob.defaultAlgorithm()));
        assertEquals(0, blob.allowedAlgorithms().length);
        assertEquals(0, blob.accessConditions().length);
        assertEquals(0, blob.keyOid().length);
        assertEquals(320, blob.ciphertext().length);
        assertArrayEquals(RealData.keyBlob(), blob.encode());
    }

    @Test
    void realBlobOpensWithItsDkekAndHoldsTheKeyOfTheCvRequest() {
        try (Dkek dkek = new Dkek(RealData.dkek()); KeyMaterial key = KeyBlob.parse(RealData.keyBlob()).open(dkek)) {
            assertEquals("97E303855DC1C54D", dkek.kcvHex());
            assertEquals(KeyType.EC, key.keyType());
            assertEquals(256, key.sizeBits());
            assertEquals(List.of(32, 32, 32, 32, 65, 32, 65), key.componentLengths());
            byte[] point = AuthenticatedRequest.decode(RealData.authenticatedRequest()).request().publicKey().point();
            assertArrayEquals(point, key.publicValue());
        }
    }

    @Test
    void rewrappingTheRealKeyWithItsRandomPrefixGivesTheCardsBytes() {
        try (Dkek dkek = new Dkek(RealData.dkek())) {
            KeyBlob real = KeyBlob.parse(RealData.keyBlob());
            byte[] prefix = firstPlainBlock(real, dkek);
            try (KeyMaterial key = real.open(dkek)) {
                KeyBlob again = KeyBlob.wrap(KeyMaterial.of(key.privateKey()), dkek, n -> Arrays.copyOf(prefix, n));
                assertEquals(Hex.encode(RealData.keyBlob()), Hex.encode(again.encode()));
            }
        }
    }

    @Test
    void wrongDkekAndAlteredBlobAreRefused() {
        try (Dkek other = new Dkek(new byte[32]); Dkek dkek = new Dkek(RealData.dkek())) {
            KeyBlobException kcv = assertThrows(KeyBlobException.class, () -> KeyBlob.parse(RealData.keyBlob()).open(other));
            assertTrue(kcv.getMessage().contains("97E303855DC1C54D"));
            byte[] altered = RealData.keyBlob();
            altered[100] ^= 1;
            KeyBlob bad = KeyBlob.parse(altered);
            assertFalse(bad.macVerifies(dkek));
            KeyBlobException mac = assertThrows(KeyBlobException.class, () -> bad.open(dkek));
            assertTrue(mac.getMessage().contains("MAC"));
        }
    }

    @Test
    void malformedBlobsAreRefused() {
        assertThrows(KeyBlobException.class, () -> KeyBlob.parse(new byte[20]));
        byte[] shortCipher = Arrays.copyOf(RealData.keyBlob(), 363 - 8);
        assertThrows(KeyBlobException.class, () -> KeyBlob.parse(shortCipher));
    }

    @Test
    void generatedKeysSurviveWrapAndOpenAndStillSign() throws Exception {
        for (String type : List.of("EC:secp256r1", "EC:brainpoolP256r1", "RSA:2048", "RSA:3072")) {
            KeyPair pair = generate(type);
            try (Dkek dkek = new Dkek(Hex.decode("000102030405060708090A0B0C0D0E0F101112131415161718191A1B1C1D1E1F"))) {
                KeyBlob blob = KeyBlob.wrap(KeyMaterial.of(pair.getPrivate()), dkek, PasswordSharesTest.fakeCard(7));
                assertEquals(0, blob.ciphertext().length % 16);
                KeyBlob parsed = KeyBlob.parse(blob.encode());
                assertTrue(parsed.macVerifies(dkek));
                try (KeyMaterial opened = parsed.open(dkek)) {
                    String alg = type.startsWith("EC") ? "SHA256withECDSA" : "SHA256withRSA";
                    Signature signer = Signature.getInstance(alg, BC);
                    signer.initSign(opened.privateKey());
                    signer.update(new byte[] {1, 2, 3});
                    byte[] sig = signer.sign();
                    Signature verifier = Signature.getInstance(alg, BC);
                    verifier.initVerify(pair.getPublic());
                    verifier.update(new byte[] {1, 2, 3});
                    assertTrue(verifier.verify(sig), type);
                    assertArrayEquals(pair.getPublic().getEncoded(), opened.publicKey().getEncoded());
                    int expectedType = type.equals("RSA:3072") ? KeyBlob.TYPE_RSA
                            : type.startsWith("RSA") ? KeyBlob.TYPE_RSA_CRT : KeyBlob.TYPE_EC;
                    assertEquals(expectedType, parsed.keyType(), type);
                }
            }
        }
    }

    @Test
    void wrapFileOfTheRealDeviceRoundTrips() {
        WrapFile file = WrapFile.decode(RealData.wrapFile());
        assertArrayEquals(RealData.keyBlob(), file.keyBlob());
        assertEquals(Optional.of("btc-test"),
                PrivateKeyDescription.decode(file.privateKeyDescription().orElseThrow()).label());
        assertEquals("DENK010570200000",
                AuthenticatedRequest.decode(file.certificate().orElseThrow()).outerAuthorityReference());
        assertArrayEquals(RealData.wrapFile(), file.encode());
        WrapFile blobOnly = new WrapFile(RealData.keyBlob(), Optional.empty(), Optional.empty());
        assertEquals(blobOnly, WrapFile.decode(blobOnly.encode()));
        assertThrows(org.schsm.InvalidInputException.class, () -> WrapFile.decode(Hex.decode("0400")));
    }

    private static byte[] firstPlainBlock(KeyBlob blob, Dkek dkek) {
        byte[] key = dkek.encryptionKey();
        var aes = org.bouncycastle.crypto.engines.AESEngine.newInstance();
        aes.init(false, new org.bouncycastle.crypto.params.KeyParameter(key));
        byte[] out = new byte[16];
        aes.processBlock(blob.ciphertext(), 0, out, 0);
        return Arrays.copyOf(out, 8);
    }

    static KeyPair generate(String type) throws Exception {
        String[] t = type.split(":");
        KeyPairGenerator g = KeyPairGenerator.getInstance(t[0], BC);
        if (t[0].equals("EC")) {
            g.initialize(new ECGenParameterSpec(t[1]));
        } else {
            g.initialize(Integer.parseInt(t[1]));
        }
        return g.generateKeyPair();
    }
}
