package org.schsm.simulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.security.KeyFactory;
import java.security.MessageDigest;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.RSAPublicKeySpec;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.schsm.hsm.KeyInfo;
import org.schsm.hsm.KeySpec;
import org.schsm.hsm.SmartCardHsm;
import org.schsm.hsm.cvc.CvPublicKey;
import org.schsm.hsm.pkcs15.KeyType;
import org.schsm.testkit.HsmConstants;

/** The toolkit's key generation, listing, signing and deletion against the simulated card. */
class ToolkitKeysOnSimulatorTest {
    private static final byte[] MESSAGE = "schsm key layer".getBytes(java.nio.charset.StandardCharsets.US_ASCII);

    private static SmartCardHsm loggedIn() {
        TestCard card = new TestCard(SimulatedCard.create());
        card.expect(HsmConstants.SELECT, 0x9000);
        card.expect(TestCard.INITIALIZE_TOOL, 0x9000);
        card.expect(TestCard.VERIFY_USER, 0x9000);
        return new SmartCardHsm(card.transport);
    }

    @Test
    void generatedEcKeyIsListedWithItsLabelAndSignsVerifiably() throws Exception {
        SmartCardHsm hsm = loggedIn();
        KeyInfo generated = hsm.generateKeyPair(0, KeySpec.ec("secp256r1"), "ec signer");
        assertEquals(1, generated.id(), "lowest free id");
        List<KeyInfo> keys = hsm.keys();
        assertEquals(1, keys.size());
        KeyInfo key = keys.get(0);
        assertEquals(Optional.of("ec signer"), key.label());
        assertEquals(Optional.of(KeyType.EC), key.type());
        assertEquals(Optional.of("secp256r1"), key.curve());
        assertEquals(256, key.sizeBits());
        assertEquals(KeyInfo.Credential.CV_REQUEST, key.credential());

        byte[] hash = MessageDigest.getInstance("SHA-256").digest(MESSAGE);
        byte[] der = hsm.computeSignature(1, 0x70, hash);
        Signature verifier = Signature.getInstance("SHA256withECDSA");
        verifier.initVerify(ecPublicKey(key.publicKey().orElseThrow()));
        verifier.update(MESSAGE);
        assertTrue(verifier.verify(der), "the card's ECDSA signature verifies with the key from its CV request");
    }

    @Test
    void keysRestrictedToTheCardHashingStillSignThroughSignAndVerify() throws Exception {
        SmartCardHsm hsm = loggedIn();
        String serial = hsm.deviceIdentity().serialNumber().orElseThrow();
        org.schsm.hsm.KeyGenerationRequest ec = org.schsm.hsm.KeyGenerationRequest.openScStyle(KeySpec.ec("secp256r1"), serial);
        hsm.generateKeyPair(1, new org.schsm.hsm.KeyGenerationRequest(ec.spec(), ec.authorityReference(),
                ec.holderReference(), Optional.of(5L), new byte[] {0x73}, Optional.empty()), "only 73");
        org.schsm.hsm.KeyGenerationRequest rsa = org.schsm.hsm.KeyGenerationRequest.openScStyle(KeySpec.rsa(1024), serial);
        hsm.generateKeyPair(2, new org.schsm.hsm.KeyGenerationRequest(rsa.spec(), rsa.authorityReference(),
                rsa.holderReference(), Optional.empty(), new byte[] {0x33}, Optional.empty()), "only 33");

        KeyInfo ecKey = hsm.key(1);
        assertEquals(java.util.List.of(0x73), ecKey.usage().orElseThrow().algorithms());
        Signature ecVerifier = Signature.getInstance("SHA256withECDSA");
        ecVerifier.initVerify(ecKey.jcaPublicKey());
        ecVerifier.update(MESSAGE);
        assertTrue(ecVerifier.verify(hsm.sign(1, MESSAGE)), "70 is not allowed: signed with 73, the card hashing");
        assertEquals(4, hsm.key(1).usage().orElseThrow().usesLeft().getAsLong(), "one use spent");

        Signature rsaVerifier = Signature.getInstance("SHA256withRSA");
        rsaVerifier.initVerify(hsm.key(2).jcaPublicKey());
        rsaVerifier.update(MESSAGE);
        assertTrue(rsaVerifier.verify(hsm.sign(2, MESSAGE)), "20 is not allowed: signed with 33");
    }

    @Test
    void generatedRsaKeySignsAPaddedBlock() throws Exception {
        SmartCardHsm hsm = loggedIn();
        hsm.generateKeyPair(3, KeySpec.rsa(2048), "rsa signer");
        KeyInfo key = hsm.keys().get(0);
        assertEquals(3, key.id());
        assertEquals(Optional.of(KeyType.RSA), key.type());
        assertEquals(2048, key.sizeBits());
        CvPublicKey pub = key.publicKey().orElseThrow();
        PublicKey rsa = KeyFactory.getInstance("RSA").generatePublic(new RSAPublicKeySpec(
                new BigInteger(1, pub.part(0x81).orElseThrow()), new BigInteger(1, pub.part(0x82).orElseThrow())));

        // PKCS#1 v1.5 padding on the host and raw RSA (20) on the card, as OpenSC does.
        byte[] digestInfo = concat(org.schsm.apdu.Hex.decode("3031300D060960864801650304020105000420"),
                MessageDigest.getInstance("SHA-256").digest(MESSAGE));
        byte[] block = new byte[256];
        block[1] = 0x01;
        java.util.Arrays.fill(block, 2, 256 - digestInfo.length - 1, (byte) 0xFF);
        System.arraycopy(digestInfo, 0, block, 256 - digestInfo.length, digestInfo.length);
        byte[] signature = hsm.computeSignature(3, 0x20, block);
        Signature verifier = Signature.getInstance("SHA256withRSA");
        verifier.initVerify(rsa);
        verifier.update(MESSAGE);
        assertTrue(verifier.verify(signature));
    }

    @Test
    void forcedDeleteRemovesKeyDescriptionAndRequest() {
        SmartCardHsm hsm = loggedIn();
        hsm.generateKeyPair(2, KeySpec.ec("secp256r1"), "doomed");
        hsm.withForce().deleteKey(2);
        assertTrue(hsm.keys().isEmpty());
        List<Integer> files = hsm.enumerateObjects();
        assertFalse(files.contains(0xCC02) || files.contains(0xC402) || files.contains(0xCE02), files::toString);
    }

    private static PublicKey ecPublicKey(CvPublicKey key) throws Exception {
        byte[] q = key.point();
        int half = (q.length - 1) / 2;
        java.security.AlgorithmParameters params = java.security.AlgorithmParameters.getInstance("EC");
        params.init(new java.security.spec.ECGenParameterSpec("secp256r1"));
        return KeyFactory.getInstance("EC").generatePublic(new java.security.spec.ECPublicKeySpec(
                new java.security.spec.ECPoint(new BigInteger(1, java.util.Arrays.copyOfRange(q, 1, 1 + half)),
                        new BigInteger(1, java.util.Arrays.copyOfRange(q, 1 + half, q.length))),
                params.getParameterSpec(java.security.spec.ECParameterSpec.class)));
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
