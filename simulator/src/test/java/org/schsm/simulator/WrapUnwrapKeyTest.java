package org.schsm.simulator;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.schsm.testkit.HsmConstants.DEFAULT_SO_PIN;
import static org.schsm.testkit.HsmConstants.USER_PIN_HEX;

import java.security.MessageDigest;
import java.security.PublicKey;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.schsm.apdu.Hex;
import org.schsm.testkit.HsmConstants;
import org.schsm.tlv.Tlv;
import org.schsm.tlv.TlvReader;

/**
 * WRAP KEY (80 72) and UNWRAP KEY (80 74) under the DKEK (reference §6): blobs the applet writes
 * are opened with Bouncy Castle alone, and a blob a real Nitrokey HSM wrote is unwrapped, used and
 * wrapped again with the same layout.
 */
class WrapUnwrapKeyTest {
    /** DKEK and WRAP KEY answer of a real Nitrokey HSM (secp256k1 key "btc-test", reference S16). */
    static final String REAL_DKEK = "2848CB6E994F5A00C365C3C255ED130512CE1EB06BF08D348EEB8B2F866E3E50";
    static final String REAL_BLOB = ""
            + "97E303855DC1C54D0C000A04007F00070202020203000000000000B2C97ABAF6BF457FD94D5D76EB668DD10D042B3AEB"
            + "ACC4F5B36F723E1CA129C0B6676F2B63BA6ACCF71923B6BD8D2C3A9190E19722C763C3082C35605CAAA4D2C2EEF72B42"
            + "C5B5040DA7F9A7A5450D33F49722137F479F9F34BF8D79D08FF109C756EDB3C1FF77B5B2EDC548DA72629708BC618F5C"
            + "262591420D45C5DECB6CC5CD4AEF328C8320AA90AA1F755F0AAEE27AF363CC5DB5D21D912570866884C491C51325DF73"
            + "194BB641FD74080E49559A3A11A96C29ECCDDBF8DCAD16352588A8B58990ADF360DF03E0E9D6081772D89A33B38931C6"
            + "4EBF4F9C8A3AA10FC87D71525A299401739531C0856B694BC124B2DF87183BEC684824BF57DBA60CA511F3BE96FCF16C"
            + "06A4C4AD9C5C844D04D0F3D8A95208EA818D92263D1B754B0A840BD41B8D12F328B891F7BBAD8F84806F5CFC24FAA7B3"
            + "8B369FB98EFDB77BCCFB5AF27E6021516B79619479E6138663277D";
    /** The EC public point of that key (tag 86 of its CV request in the same wrap file). */
    static final String REAL_POINT = "04A19764D69D2AEADA6B3766B7109B26285F478F7116D19C2558BD3A6CB46B62047D2CB0C1D4F7B7C1140744CF5B0410701F4BDE469D5E7785A57555F6EEEDD84C";
    static final String SHARE = "A1 B2 C3 D4 E5 F6 07 18 29 3A 4B 5C 6D 7E 8F 90 "
            + "0F 1E 2D 3C 4B 5A 69 78 87 96 A5 B4 C3 D2 E1 F0";

    /** Initialized with one DKEK share, {@code share} imported, user PIN verified. */
    static TestCard withDkek(String share) {
        TestCard card = TestCard.initialized();
        card.expect("80 52 00 00 20 " + share + " 00", 0x9000);
        card.expect(TestCard.VERIFY_USER, 0x9000);
        return card;
    }

    static String wrap(int id) {
        return String.format("80 72 %02X 92 00 00 00", id);
    }

    static String unwrap(int id, byte[] blob) {
        return Keys.extended(String.format("8074%02X93", id), blob).replaceAll("0000$", "");
    }

    private static String enumerate(TestCard card) {
        return Hex.encode(card.expectData("80 58 00 00 00 00 00"));
    }

    @Test
    void aBlobFromARealNitrokeyUnwrapsAndItsKeySignsForItsPublicKey() throws Exception {
        TestCard card = withDkek(REAL_DKEK);
        card.expect(unwrap(7, Hex.decode(REAL_BLOB)), 0x9000);
        byte[] hash = MessageDigest.getInstance("SHA-256").digest("btc".getBytes());
        byte[] der = card.expectData(Keys.extended("80680770", hash));
        PublicKey key = Keys.ecPoint(Hex.decode(REAL_POINT), "secp256k1");
        assertTrue(Keys.verify("NONEwithECDSA", key, hash, der));
    }

    @Test
    void wrappingTheRealKeyAgainGivesTheRealLayoutAndTheSameFields() throws Exception {
        TestCard card = withDkek(REAL_DKEK);
        card.expect(unwrap(7, Hex.decode(REAL_BLOB)), 0x9000);
        byte[] ours = card.expectData(wrap(7));
        byte[] dkek = Hex.decode(REAL_DKEK);
        BlobReader real = new BlobReader(dkek, Hex.decode(REAL_BLOB));
        BlobReader again = new BlobReader(dkek, ours);
        assertEquals(363, ours.length, "the real blob's size");
        assertArrayEquals(Arrays.copyOf(real.blob, real.cipherOffset), Arrays.copyOf(ours, again.cipherOffset),
                "KCV, type, OID and empty fields as the real card writes them");
        assertArrayEquals(new int[] {32, 32, 32, 32, 65, 32, 65}, again.widths(), "fixed field widths");
        for (int i = 0; i < 7; i++) {
            assertArrayEquals(real.components.get(i), again.components.get(i), "component " + i);
        }
        assertEquals(real.size, again.size);
        assertArrayEquals(real.padding, again.padding, "80 00.. padding");
        assertNotEquals(Hex.encode(Arrays.copyOf(real.plaintext, 8)), Hex.encode(Arrays.copyOf(again.plaintext, 8)),
                "fresh random prefix");
    }

    @Test
    void anEcKeyMovesToASecondCardAndSignsForItsOriginalPublicKey() throws Exception {
        TestCard first = withDkek(SHARE);
        PublicKey original = Keys.publicKey(TlvReader.readOne(first.expectData(
                Keys.generate(3, Keys.ecRequest("secp256r1")))), "secp256r1");
        byte[] blob = first.expectData(wrap(3));
        BlobReader opened = new BlobReader(Hex.decode(SHARE.replace(" ", "")), blob);
        assertEquals(0x0C, opened.type);
        assertEquals(256, opened.size);
        assertArrayEquals(new int[] {32, 32, 32, 32, 65, 32, 65}, opened.widths());
        opened.assertPadding();

        TestCard second = withDkek(SHARE);
        second.expect(unwrap(9, blob), 0x9000);
        byte[] hash = MessageDigest.getInstance("SHA-256").digest("moved".getBytes());
        assertTrue(Keys.verify("NONEwithECDSA", original, hash, second.expectData(Keys.extended("80680970", hash))));
    }

    @Test
    void anRsaKeyMovesAsRsaCrtAndSignsForItsOriginalPublicKey() throws Exception {
        TestCard first = withDkek(SHARE);
        PublicKey original = Keys.publicKey(TlvReader.readOne(first.expectData(
                Keys.generate(4, Keys.rsaRequest(2048)))), null);
        byte[] blob = first.expectData(wrap(4));
        BlobReader opened = new BlobReader(Hex.decode(SHARE.replace(" ", "")), blob);
        assertEquals(0x06, opened.type);
        assertEquals(2048, opened.size);
        assertArrayEquals(Hex.decode("04007F00070202020102"), opened.header.get(0));
        assertArrayEquals(new int[] {128, 128, 128, 128, 128, 256, 3}, opened.widths());
        opened.assertPadding();

        TestCard second = withDkek(SHARE);
        second.expect(unwrap(4, blob), 0x9000);
        byte[] message = "moved too".getBytes();
        assertTrue(Keys.verify("SHA256withRSA", original, message, second.expectData(Keys.extended("80680433", message))));
    }

    @Test
    void theAlgorithmListTravelsWithTheKey() throws Exception {
        TestCard first = withDkek(SHARE);
        first.expect(Keys.generate(5, Keys.ecRequest("secp256r1", Tlv.of(0x91, Hex.decode("70 92")))), 0x9000);
        byte[] blob = first.expectData(wrap(5));
        assertArrayEquals(Hex.decode("70 92"), new BlobReader(Hex.decode(SHARE.replace(" ", "")), blob).header.get(1));
        TestCard second = withDkek(SHARE);
        second.expect(unwrap(5, blob), 0x9000);
        second.expect(Keys.extended("80680573", new byte[] {1}), 0x6A81);   // 73 is not on the list
        second.expect(wrap(5), 0x9000);                                     // 92 is
    }

    @Test
    void aPaddingBlockIsAddedEvenWhenTheKeyFillsWholeBlocks() throws Exception {
        // 8 + 2 + 7 fields of P-256 = 315 bytes: never a multiple of 16, so check the rule on
        // another size as well: whatever the length, the plaintext ends in 80 00..
        TestCard card = withDkek(SHARE);
        for (String curve : new String[] {"secp192r1", "secp224r1", "secp384r1", "secp521r1"}) {
            card.expect(Keys.generate(6, Keys.ecRequest(curve)), 0x9000);
            new BlobReader(Hex.decode(SHARE.replace(" ", "")), card.expectData(wrap(6))).assertPadding();
            card.expect("00 E4 02 00 02 CC 06", 0x9000);
        }
    }

    @Test
    void unwrapTakesTheBlobFromEf2F10WhenTheCommandHasNoData() throws Exception {
        TestCard first = withDkek(SHARE);
        first.expect(Keys.generate(2, Keys.ecRequest("secp256r1")), 0x9000);
        byte[] blob = first.expectData(wrap(2));
        TestCard second = withDkek(SHARE);
        // sc-hsm-tool writes the blob with UPDATE BINARY (odd INS) into 2F10, then sends 80 74 case 1
        byte[] write = Keys.concat(Hex.decode("54 02 00 00 53 82"), new byte[] {(byte) (blob.length >> 8),
            (byte) blob.length}, blob);
        second.expect(Keys.extended("00D72F10", write).replaceAll("0000$", ""), 0x9000);
        second.expect("80 74 02 93", 0x9000);
        assertTrue(enumerate(second).contains("CC02"));
    }

    @Test
    void wrapRefusals() {
        TestCard card = TestCard.initialized();
        card.expect(wrap(1), 0x6982);                                         // no PIN
        card.expect(TestCard.VERIFY_USER, 0x9000);
        card.expect(Keys.generate(1, Keys.ecRequest("secp256r1")), 0x9000);
        card.expect(wrap(1), 0x6A88);                                         // share outstanding
        card.expect("80 52 00 00 20 " + SHARE + " 00", 0x9000);
        card.expect("80 72 01 93 00 00 00", 0x6A86);                          // P2
        card.expect(wrap(0), 0x6A86);                                         // device key
        card.expect(wrap(2), 0x6A88);                                         // no such key
        card.expect("80 72 01 92 00 00 01 00 00 00", 0x6700);                 // data
        card.expect(Keys.generate(3, Keys.ecRequest("secp256r1", Tlv.of(0x91, Hex.decode("73")))), 0x9000);
        card.expect(wrap(3), 0x6985);                                         // no WRAP (92) on its list
        card.expect(wrap(1), 0x9000);
    }

    @Test
    void withoutSharesOrWithTheCardsOwnDkekNothingIsWrapped() {
        TestCard none = TestCard.selected();
        none.expect(TestCard.initialize("00 01"), 0x9000);
        none.expect(TestCard.VERIFY_USER, 0x9000);
        none.expect(Keys.generate(1, Keys.ecRequest("secp256r1")), 0x9000);
        none.expect(wrap(1), 0x6A88);

        TestCard own = TestCard.selected();
        own.expect("80 50 00 00 1C 80 02 00 01 81 06 " + USER_PIN_HEX + " 82 08 " + DEFAULT_SO_PIN + " 91 01 03 92 01 00",
                0x9000);
        own.expectData(HsmConstants.DKEK_STATUS, "00 00 00 00 00 00 00 00 00 00");
        own.expect("80 52 00 00 20 " + SHARE + " 00", 0x6A88);                // no share is expected
        own.expect(TestCard.VERIFY_USER, 0x9000);
        own.expect(Keys.generate(1, Keys.ecRequest("secp256r1")), 0x9000);
        own.expect(wrap(1), 0x6A88);                                          // never exportable
    }

    @Test
    void aRefusedBlobChangesNothing() throws Exception {
        TestCard first = withDkek(SHARE);
        first.expect(Keys.generate(1, Keys.ecRequest("secp256r1")), 0x9000);
        byte[] blob = first.expectData(wrap(1));
        TestCard second = withDkek(SHARE);
        second.expect(Keys.generate(1, Keys.ecRequest("secp256r1")), 0x9000);
        String before = enumerate(second);

        second.expect(unwrap(1, blob), 0x6A89);                               // id in use
        byte[] otherKcv = blob.clone();
        otherKcv[0] ^= 1;
        second.expect(unwrap(2, otherKcv), 0x6A80);
        byte[] badMac = blob.clone();
        badMac[blob.length - 1] ^= 1;
        second.expect(unwrap(2, badMac), 0x6A80);
        byte[] badCipher = blob.clone();
        badCipher[40] ^= 1;
        second.expect(unwrap(2, badCipher), 0x6A80);
        second.expect(unwrap(2, Arrays.copyOf(blob, blob.length - 1)), 0x6A80);
        second.expect(unwrap(2, Arrays.copyOf(blob, 40)), 0x6A80);
        byte[] badLength = blob.clone();
        badLength[10] = 0x7F;                                                 // OID field runs past the end
        second.expect(unwrap(2, badLength), 0x6A80);
        second.expect("80 74 02 93", 0x6A82);                                 // no data, no 2F10
        second.expect("80 74 02 92 " + "00", 0x6A86);
        second.expect(unwrap(0, blob), 0x6A86);
        TestCard otherDkek = withDkek("5A ".repeat(32));
        otherDkek.expect(unwrap(2, blob), 0x6A80);                            // another DKEK

        assertEquals(before, enumerate(second), "no key appeared or went");
        second.expect(unwrap(2, blob), 0x9000);
        assertNotEquals(before, enumerate(second));
    }

    @Test
    void unwrapNeedsThePinAndACompleteDkek() {
        TestCard card = TestCard.initialized();
        card.expect(unwrap(1, new byte[64]), 0x6982);
        card.expect(TestCard.VERIFY_USER, 0x9000);
        card.expect(unwrap(1, new byte[64]), 0x6A88);
    }
}
