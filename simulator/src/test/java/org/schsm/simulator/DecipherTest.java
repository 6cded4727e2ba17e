package org.schsm.simulator;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.ECGenParameterSpec;
import javax.crypto.Cipher;
import javax.crypto.KeyAgreement;
import org.bouncycastle.jce.interfaces.ECPublicKey;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.schsm.tlv.TlvReader;

/** DECIPHER {@code 80 62}: RSA raw (21) and ECDH (80), reference §3.3. */
class DecipherTest {
    private static TestCard card;
    private static PublicKey ecKey;
    private static RSAPublicKey rsaKey;

    @BeforeAll
    static void keys() throws Exception {
        card = GenerateKeyPairTest.verified();
        ecKey = Keys.publicKey(TlvReader.readOne(card.expectData(Keys.generate(1, Keys.ecRequest("brainpoolP256r1")))),
                "brainpoolP256r1");
        rsaKey = (RSAPublicKey) Keys.publicKey(TlvReader.readOne(card.expectData(Keys.generate(2,
                Keys.rsaRequest(2048)))), null);
    }

    @Test
    void ecdhAnswers04AndTheSharedX() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC", Keys.BC);
        generator.initialize(new ECGenParameterSpec("brainpoolP256r1"));
        KeyPair peer = generator.generateKeyPair();
        byte[] point = ((ECPublicKey) peer.getPublic()).getQ().getEncoded(false);
        byte[] answer = card.expectData(Keys.extended("80620180", point));
        KeyAgreement agreement = KeyAgreement.getInstance("ECDH", Keys.BC);
        agreement.init(peer.getPrivate());
        agreement.doPhase(ecKey, true);
        byte[] x = agreement.generateSecret();
        assertEquals(33, answer.length);
        assertEquals(0x04, answer[0]);
        assertArrayEquals(x, java.util.Arrays.copyOfRange(answer, 1, 33));
    }

    @Test
    void rsaRawDecryptionGivesBackThePaddedBlock() throws Exception {
        Cipher cipher = Cipher.getInstance("RSA/ECB/PKCS1Padding");
        cipher.init(Cipher.ENCRYPT_MODE, rsaKey);
        byte[] secret = "a session key".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        byte[] block = card.expectData(Keys.extended("80620221", cipher.doFinal(secret)));
        assertEquals(256, block.length);
        assertEquals(0x02, block[1], "PKCS#1 type 2 block, unpadded by the host");
        assertArrayEquals(secret, java.util.Arrays.copyOfRange(block, 256 - secret.length, 256));
    }

    @Test
    void refusals() {
        card.expect(Keys.extended("80620180", new byte[64]), 0x6700);          // not 1 + 2 x 32 bytes
        byte[] notAPoint = new byte[65];
        notAPoint[0] = 4;
        card.expect(Keys.extended("80620180", notAPoint), 0x6A80);            // not on the curve
        card.expect(Keys.extended("80620121", new byte[65]), 0x6A81);         // RSA on an EC key
        card.expect(Keys.extended("80620222", new byte[256]), 0x6A86);        // pico-only unpadding
        card.expect(Keys.extended("80620221", new byte[128]), 0x6700);
        card.expect(Keys.extended("80620080", new byte[65]), 0x6982);         // device key
        card.expect(Keys.extended("80620780", new byte[65]), 0x6A88);
        TestCard loggedOut = TestCard.initialized();
        loggedOut.expect(Keys.extended("80620180", new byte[65]), 0x6982);
    }
}
