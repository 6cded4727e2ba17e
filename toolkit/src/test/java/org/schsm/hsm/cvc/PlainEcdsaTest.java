package org.schsm.hsm.cvc;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.schsm.hsm.cvc.TestCvcs.Key;

/** Our verifier against signatures made by Bouncy Castle, on every curve the toolkit names. */
class PlainEcdsaTest {
    @Test
    void bouncyCastleSignaturesVerifyAndAlteredOnesDoNot() {
        for (String curve : CvPublicKey.knownCurves()) {
            Key key = Key.generate(curve);
            for (int i = 0; i < 4; i++) {
                byte[] data = ("message " + i + " on " + curve).getBytes(java.nio.charset.StandardCharsets.US_ASCII);
                byte[] signature = key.sign(data);
                assertTrue(CvcSignatures.verify(data, signature, key.full()), curve);
                byte[] altered = signature.clone();
                altered[altered.length - 1 - i] ^= 0x01;
                assertFalse(CvcSignatures.verify(data, altered, key.full()), curve + " altered signature");
                data[0] ^= 0x20;
                assertFalse(CvcSignatures.verify(data, signature, key.full()), curve + " altered data");
            }
        }
    }

    @Test
    void pointOffTheCurveAndOutOfRangeValuesAreRefused() {
        Key key = Key.generate("brainpoolP256r1");
        byte[] data = {1, 2, 3};
        byte[] signature = key.sign(data);
        java.util.Map<Integer, byte[]> parts = new java.util.LinkedHashMap<>(key.full().parts());
        byte[] q = parts.get(0x86).clone();
        q[q.length - 1] ^= 1;
        parts.put(0x86, q);
        assertFalse(CvcSignatures.verify(data, signature, CvPublicKey.of(CvPublicKey.ID_TA_ECDSA_SHA_256, parts)));
        byte[] zeros = new byte[signature.length];
        assertFalse(CvcSignatures.verify(data, zeros, key.full()));
        byte[] ones = new byte[signature.length];
        java.util.Arrays.fill(ones, (byte) 0xFF);
        assertFalse(CvcSignatures.verify(data, ones, key.full()), "r, s >= n");
    }
}
