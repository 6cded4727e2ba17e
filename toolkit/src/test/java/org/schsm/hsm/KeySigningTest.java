package org.schsm.hsm;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.Signature;
import java.util.Optional;
import javax.crypto.Cipher;
import org.junit.jupiter.api.Test;
import org.schsm.InvalidInputException;
import org.schsm.apdu.Hex;
import org.schsm.hsm.pkcs15.KeyType;
import org.schsm.testkit.ScriptedTransport;

class KeySigningTest {
    private static final byte[] MESSAGE = "to be signed".getBytes(java.nio.charset.StandardCharsets.US_ASCII);

    @Test
    void rsaBlockSignedRawIsAStandardPkcs1Signature() throws Exception {
        KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
        g.initialize(2048);
        KeyPair pair = g.generateKeyPair();
        for (String hash : new String[] {"SHA-1", "SHA-256", "SHA-384", "SHA-512"}) {
            byte[] block = KeySigning.pkcs1Block(hash, MessageDigest.getInstance(hash).digest(MESSAGE), 2048);
            Cipher raw = Cipher.getInstance("RSA/ECB/NoPadding");
            raw.init(Cipher.ENCRYPT_MODE, pair.getPrivate());
            byte[] signature = raw.doFinal(block);
            Signature verifier = Signature.getInstance(hash.replace("-", "") + "withRSA");
            verifier.initVerify(pair.getPublic());
            verifier.update(MESSAGE);
            assertTrue(verifier.verify(signature), hash);
        }
    }

    @Test
    void ecKeysSignTheHashWithAlgorithm70() throws Exception {
        byte[] hash = MessageDigest.getInstance("SHA-256").digest(MESSAGE);
        ScriptedTransport card = new ScriptedTransport().expect("80 68 01 70 00 00 20" + Hex.encode(hash) + "00 00",
                "3006020101020101 9000");
        KeyInfo key = new KeyInfo(1, Optional.of(KeyType.EC), 256, Optional.of("secp256r1"), Optional.empty(),
                Optional.empty(), KeyInfo.Credential.CV_REQUEST, Optional.empty(), Optional.empty(), Optional.empty());
        assertArrayEquals(Hex.decode("3006020101020101"), KeySigning.sign(new SmartCardHsm(card), key, "SHA-256", MESSAGE));
        card.assertDone();
    }

    @Test
    void hashNamesAndLimits() {
        assertEquals("SHA-256", KeySigning.hashName("sha256"));
        assertEquals("SHA-512", KeySigning.hashName("SHA-512"));
        assertThrows(InvalidInputException.class, () -> KeySigning.hashName("md5"));
        assertThrows(InvalidInputException.class, () -> KeySigning.pkcs1Block("SHA-512", new byte[64], 512));
    }
}
