package org.schsm.simulator;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.security.MessageDigest;
import java.security.PublicKey;
import java.security.interfaces.RSAPublicKey;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.schsm.apdu.Hex;
import org.schsm.testkit.HsmConstants;
import org.schsm.tlv.Tlv;
import org.schsm.tlv.TlvReader;

/** COMPUTE SIGNATURE {@code 80 68}: algorithms of reference §3.1, status words of §3.2. */
class ComputeSignatureTest {
    private static final byte[] MESSAGE = "schsm signs this".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    private static TestCard card;
    private static PublicKey ecKey;
    private static RSAPublicKey rsaKey;

    @BeforeAll
    static void keys() throws Exception {
        card = GenerateKeyPairTest.verified();
        ecKey = Keys.publicKey(TlvReader.readOne(card.expectData(Keys.generate(1, Keys.ecRequest("secp256r1")))),
                "secp256r1");
        rsaKey = (RSAPublicKey) Keys.publicKey(TlvReader.readOne(card.expectData(Keys.generate(2,
                Keys.rsaRequest(2048)))), null);
    }

    private static byte[] sign(int id, int algorithm, byte[] data) {
        return card.expectData(Keys.extended(String.format("8068%02X%02X", id, algorithm), data));
    }

    @Test
    void ecdsaOverAHashAnswersDerThatVerifies() throws Exception {
        byte[] hash = MessageDigest.getInstance("SHA-256").digest(MESSAGE);
        byte[] der = sign(1, 0x70, hash);
        assertEquals(0x30, der[0] & 0xFF, "DER SEQUENCE, as OpenSC and the vendor's PKCS#11 expect");
        assertTrue(Keys.verify("NONEwithECDSA", ecKey, hash, der));
        assertTrue(Keys.verify("SHA256withECDSA", ecKey, MESSAGE, der));
    }

    @ParameterizedTest
    @CsvSource({"71, SHA1withECDSA", "72, SHA224withECDSA", "73, SHA256withECDSA", "74, SHA384withECDSA",
        "75, SHA512withECDSA"})
    void ecdsaWithTheCardHashing(String algorithm, String scheme) throws Exception {
        assertTrue(Keys.verify(scheme, ecKey, MESSAGE, sign(1, Integer.parseInt(algorithm, 16), MESSAGE)));
    }

    @Test
    void rsaRawSignsTheBlockTheHostPadded() throws Exception {
        // PKCS#1 v1.5 type 1 padding of a SHA-256 DigestInfo, as OpenSC builds it for algorithm 20
        byte[] digestInfo = Keys.concat(Hex.decode("3031300D060960864801650304020105000420"),
                MessageDigest.getInstance("SHA-256").digest(MESSAGE));
        byte[] block = new byte[256];
        block[1] = 1;
        java.util.Arrays.fill(block, 2, 256 - digestInfo.length - 1, (byte) 0xFF);
        System.arraycopy(digestInfo, 0, block, 256 - digestInfo.length, digestInfo.length);
        byte[] signature = sign(2, 0x20, block);
        assertEquals(256, signature.length);
        assertTrue(Keys.verify("SHA256withRSA", rsaKey, MESSAGE, signature));
        BigInteger m = new BigInteger(1, signature).modPow(rsaKey.getPublicExponent(), rsaKey.getModulus());
        assertArrayEquals(block, Keys.unsigned(m, 256));
    }

    @Test
    void rsaSignaturesWithLeadingZeroBytesKeepTheModulusLength() {
        // Pick signatures s whose first byte (or two) is zero and send s^e mod n for a raw
        // signature: the card computes (s^e)^d = s and must answer all 256 bytes, as the real card
        // does, not the 255 or 254 that jCardSim's raw RSA leaves after dropping leading zeros.
        for (int zeros = 1; zeros <= 2; zeros++) {
            byte[] s = new byte[256];
            new java.security.SecureRandom().nextBytes(s);
            java.util.Arrays.fill(s, 0, zeros, (byte) 0);
            BigInteger m = new BigInteger(1, s).modPow(rsaKey.getPublicExponent(), rsaKey.getModulus());
            byte[] signature = sign(2, 0x20, Keys.unsigned(m, 256));
            assertEquals(256, signature.length, "leading zero bytes: " + zeros);
            assertArrayEquals(s, signature);
        }
    }

    @Test
    void rsaPkcs1OverADigestInfoAndWithTheCardHashing() throws Exception {
        byte[] digestInfo = Keys.concat(Hex.decode("3031300D060960864801650304020105000420"),
                MessageDigest.getInstance("SHA-256").digest(MESSAGE));
        assertTrue(Keys.verify("SHA256withRSA", rsaKey, MESSAGE, sign(2, 0x30, digestInfo)));
        assertTrue(Keys.verify("SHA1withRSA", rsaKey, MESSAGE, sign(2, 0x31, MESSAGE)));
        assertTrue(Keys.verify("SHA256withRSA", rsaKey, MESSAGE, sign(2, 0x33, MESSAGE)));
        assertTrue(Keys.verify("SHA384withRSA", rsaKey, MESSAGE, sign(2, 0x34, MESSAGE)));
        assertTrue(Keys.verify("SHA512withRSA", rsaKey, MESSAGE, sign(2, 0x35, MESSAGE)));
    }

    @ParameterizedTest
    @CsvSource({"41, SHA-1, SHA1withRSA/PSS", "43, SHA-256, SHA256withRSA/PSS", "44, SHA-384, SHA384withRSA/PSS",
        "45, SHA-512, SHA512withRSA/PSS"})
    void rsaPssWithTheCardHashingVerifiesWithSaltAsLongAsTheHash(String algorithm, String hash, String scheme)
            throws Exception {
        byte[] signature = sign(2, Integer.parseInt(algorithm, 16), MESSAGE);
        assertEquals(256, signature.length);
        assertTrue(Keys.verifyPss(scheme, hash, rsaKey, MESSAGE, signature));
    }

    @ParameterizedTest
    @CsvSource({"SHA-1, SHA1withRSA/PSS", "SHA-256, SHA256withRSA/PSS", "SHA-384, SHA384withRSA/PSS",
        "SHA-512, SHA512withRSA/PSS"})
    void rsaPssOverTheHostsBareHash(String hash, String scheme) throws Exception {
        byte[] digest = MessageDigest.getInstance(hash).digest(MESSAGE);
        assertTrue(Keys.verifyPss(scheme, hash, rsaKey, MESSAGE, sign(2, 0x40, digest)));
    }

    @ParameterizedTest
    @CsvSource({"SHA-1, 3021300906052B0E03021A05000414", "SHA-256, 3031300D060960864801650304020105000420",
        "SHA-384, 3041300D060960864801650304020205000430", "SHA-512, 3051300D060960864801650304020305000440"})
    void rsaPssOverTheHostsHashInItsDigestInfoAsOpenScSendsIt(String hash, String digestInfo) throws Exception {
        // OpenSC 0.23 prepends the DigestInfo for the mechanism's hash before it sends algorithm 40
        byte[] input = Keys.concat(Hex.decode(digestInfo), MessageDigest.getInstance(hash).digest(MESSAGE));
        assertTrue(Keys.verifyPss(hash.replace("-", "") + "withRSA/PSS", hash, rsaKey, MESSAGE, sign(2, 0x40, input)));
    }

    @Test
    void rsaPssSaltsEverySignatureAfresh() {
        assertTrue(!java.util.Arrays.equals(sign(2, 0x43, MESSAGE), sign(2, 0x43, MESSAGE)),
                "two PSS signatures of one message differ: the salt is random");
    }

    @Test
    void rsaPssRefusesAHashOfNoKnownLengthAndAKeyTooShortForTheHash() {
        card.expect(Keys.extended("80680240", new byte[31]), 0x6700);
        card.expect(Keys.extended("80680240", new byte[28]), 0x6700);
        // a DigestInfo whose length does not match its hash
        card.expect(Keys.extended("80680240", Hex.decode("3031300D060960864801650304020105000420" + "00".repeat(20))),
                0x6700);
        TestCard small = GenerateKeyPairTest.verified();
        small.expect(Keys.generate(1, Keys.rsaRequest(1024)), 0x9000);
        // 128-byte modulus < 2 x 64 + 2: SHA-512 with a 64-byte salt does not fit
        small.expect(Keys.extended("80680145", MESSAGE), 0x6A80);
        small.expect(Keys.extended("80680143", MESSAGE), 0x9000);
    }

    @Test
    void statusWordsTheVendorsHostsExpect() {
        TestCard fresh = GenerateKeyPairTest.verified();
        fresh.expect(Keys.generate(1, Keys.ecRequest("secp256r1", Tlv.of(0x91, new byte[] {0x73}),
                Tlv.of(0x90, new byte[] {0, 0, 0, 2}))), 0x9000);
        String sign73 = Keys.extended("80680173", MESSAGE);
        fresh.expect(Keys.extended("80680170", new byte[32]), 0x6A81);   // not in the key's 91 list
        fresh.expect(Keys.extended("80680120", new byte[32]), 0x6A81);   // RSA algorithm on an EC key
        fresh.expect(Keys.extended("80680973", MESSAGE), 0x6A88);        // no key 9
        fresh.expect(Keys.extended("80680073", MESSAGE), 0x6982);        // the device key only attests
        fresh.expect(Keys.extended("80680177", MESSAGE), 0x6A86);        // no such algorithm
        fresh.expect("80 68 01 73 00 00 00 00", 0x6700);                 // no data
        fresh.expect(sign73, 0x9000);
        fresh.expect(sign73, 0x9000);
        fresh.expect(sign73, 0x6984);                                    // use counter of 2 spent
        fresh.expect(HsmConstants.SELECT, 0x9000);
        fresh.expect(sign73, 0x6982);                                    // logged out
    }

    @Test
    void ecdsaNoncesNeverRepeatSoTheKeyStaysSecret() {
        java.util.Set<String> rs = new java.util.HashSet<>();
        for (int i = 0; i < 20; i++) {
            Tlv der = TlvReader.readOne(sign(1, 0x73, new byte[] {(byte) i}));
            assertTrue(rs.add(Hex.encode(der.children().get(0).value())), "r repeated: nonce reuse leaks the key");
        }
    }

    @Test
    void keysAndTheirUseCountersSurviveTheStateFile(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
            throws Exception {
        TestCard first = GenerateKeyPairTest.verified();
        PublicKey key = Keys.publicKey(TlvReader.readOne(first.expectData(Keys.generate(5, Keys.ecRequest("brainpoolP256r1",
                Tlv.of(0x90, new byte[] {0, 0, 0, 2}))))), "brainpoolP256r1");
        first.expect(Keys.extended("80680573", MESSAGE), 0x9000);
        java.nio.file.Path file = dir.resolve("card.state");
        first.card.save(file);
        TestCard loaded = new TestCard(SimulatedCard.load(file));
        loaded.expect(HsmConstants.SELECT, 0x9000);
        loaded.expect(TestCard.VERIFY_USER, 0x9000);
        byte[] der = loaded.expectData(Keys.extended("80680573", MESSAGE));
        assertTrue(Keys.verify("SHA256withECDSA", key, MESSAGE, der));
        loaded.expect(Keys.extended("80680573", MESSAGE), 0x6984);
    }

    @Test
    void twoCardsNeverGenerateTheSameKey() throws Exception {
        java.util.Set<String> points = new java.util.HashSet<>();
        for (int i = 0; i < 3; i++) {
            TestCard other = GenerateKeyPairTest.verified();
            Tlv request = TlvReader.readOne(other.expectData(Keys.generate(1, Keys.ecRequest("secp256r1"))));
            assertTrue(points.add(Hex.encode(Keys.publicKey(request, "secp256r1").getEncoded())));
        }
    }

    @Test
    void rsaRawNeedsExactlyOneBlockBelowTheModulus() {
        card.expect(Keys.extended("80680220", new byte[255]), 0x6700);
        byte[] tooBig = new byte[256];
        java.util.Arrays.fill(tooBig, (byte) 0xFF);
        card.expect(Keys.extended("80680220", tooBig), 0x6A80);
        card.expect(Keys.extended("80680230", new byte[246]), 0x6700);
    }
}
