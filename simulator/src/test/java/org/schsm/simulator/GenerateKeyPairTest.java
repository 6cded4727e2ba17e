package org.schsm.simulator;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.security.PublicKey;
import java.security.interfaces.RSAPublicKey;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.schsm.apdu.Hex;
import org.schsm.testkit.HsmConstants;
import org.schsm.tlv.Tlv;
import org.schsm.tlv.TlvReader;

/** GENERATE ASYMMETRIC KEY PAIR {@code 00 46}: request and answer as reference §2. */
class GenerateKeyPairTest {

    static TestCard verified() {
        TestCard card = TestCard.initialized();
        card.expect(TestCard.VERIFY_USER, 0x9000);
        return card;
    }

    @ParameterizedTest
    @ValueSource(strings = {"secp256r1", "brainpoolP256r1", "secp192r1", "secp224r1", "secp384r1", "secp521r1",
        "secp256k1", "brainpoolP192r1", "brainpoolP224r1", "brainpoolP384r1"})
    void generatesAnEcKeyAndAnswersAnAuthenticatedRequestSignedByTheDevice(String curve) throws Exception {
        TestCard card = verified();
        byte[] answer = card.expectData(Keys.generate(1, Keys.ecRequest(curve)));
        Tlv request = TlvReader.readOne(answer);
        PublicKey key = Keys.publicKey(request, curve);
        Keys.assertAuthenticated(request, key, Keys.devicePublicKey(card), Keys.deviceChr(card));
        Tlv body = request.child(0x7F21).orElseThrow().child(0x7F4E).orElseThrow();
        assertEquals(List.of(0x5F29, 0x42, 0x7F49, 0x5F20), body.children().stream().map(Tlv::tag).toList());
        assertEquals(List.of(0x06, 0x81, 0x82, 0x83, 0x84, 0x85, 0x86, 0x87),
                body.child(0x7F49).orElseThrow().children().stream().map(Tlv::tag).toList());
        assertEquals(Keys.INNER_CAR, text(body.child(0x42).orElseThrow()));
        assertEquals(Keys.CHR, text(body.child(0x5F20).orElseThrow()));
    }

    @Test
    void generatesAnRsa2048KeyWithModulusAndExponent() throws Exception {
        TestCard card = verified();
        byte[] answer = card.expectData(Keys.generate(2, Keys.rsaRequest(2048)));
        Tlv request = TlvReader.readOne(answer);
        RSAPublicKey key = (RSAPublicKey) Keys.publicKey(request, null);
        assertEquals(2048, key.getModulus().bitLength());
        assertEquals(65537, key.getPublicExponent().intValueExact());
        Keys.assertAuthenticated(request, key, Keys.devicePublicKey(card), Keys.deviceChr(card));
    }

    @Test
    void theAnswerIsStoredInCeAndTheKeyIsListedButNeverReadable() {
        TestCard card = verified();
        byte[] answer = card.expectData(Keys.generate(3, Keys.ecRequest("secp256r1")));
        assertArrayEquals(answer, card.expectData("00 B1 CE 03 00 00 04 54 02 00 00 00 00"));
        String list = Hex.encode(card.expectData("80 58 00 00 00 00 00"));
        assertTrue(list.contains("CE03") && list.contains("CC03") && list.contains("CC00") && list.contains("2F02"), list);
        card.expect("00 B1 CC 03 04 54 02 00 00 00", 0x6982);
        // size 0 as the real card's key EFs; A5: no counter, no list, key domain 0
        card.expectData("00 A4 00 00 02 CC 03 00", "62 10 80 02 00 00 82 01 01 83 02 CC 03 A5 03 92 01 00");
    }

    @Test
    void shortApduWithoutLeGeneratesAndAnswersNothingThenTheHostReadsCe() {
        TestCard card = verified();
        byte[] data = Keys.ecRequest("secp256r1");
        String shortCase3 = String.format("00 46 04 00 %02X %s", data.length, Hex.encode(data));
        assertEquals(0, card.expect(shortCase3, 0x9000).data().length);
        assertEquals(0x67, card.expectData("00 B1 CE 04 00 00 04 54 02 00 00 00 00")[0]);
    }

    @Test
    void theFcpOfAKeyReportsItsUsesLeftAlgorithmsAndDomainButTheDeviceKeysDoesNot() {
        TestCard card = verified();
        card.expect(Keys.generate(6, Keys.ecRequest("secp256r1", Tlv.of(0x90, new byte[] {0, 0, 0, 2}),
                Tlv.of(0x91, new byte[] {0x73, (byte) 0x80}))), 0x9000);
        String fcp = "62 1A 80 02 00 00 82 01 01 83 02 CC 06 A5 0D 90 04 00 00 00 %02X 91 02 73 80 92 01 00";
        card.expectData("00 A4 00 00 02 CC 06 00", String.format(fcp, 2));
        card.expect(Keys.extended("80680673", "uses one".getBytes(java.nio.charset.StandardCharsets.US_ASCII)), 0x9000);
        card.expectData("00 A4 00 00 02 CC 06 00", String.format(fcp, 1));
        card.expectData("00 A4 00 00 02 CC 00 00", "62 0B 80 02 00 00 82 01 01 83 02 CC 00");
    }

    @Test
    void anExtendedLeTooSmallForTheAnswerStoresNothing() {
        TestCard card = verified();
        byte[] ec = Keys.ecRequest("secp256r1");
        // Le = 0100 (256 bytes): the authenticated request of a P-256 key is longer.
        String smallLe = String.format("00 46 05 00 00 %04X %s 01 00", ec.length, Hex.encode(ec));
        card.expect(smallLe, 0x6700);
        String list = Hex.encode(card.expectData("80 58 00 00 00 00 00"));
        assertFalse(list.contains("CC05") || list.contains("CE05"), "no key and no request left behind: " + list);
        card.expect("00 A4 00 00 02 CC 05 00", 0x6A82);
        // The same id then works with a Le that fits: nothing blocks it.
        card.expect(Keys.generate(5, ec), 0x9000);
    }

    @Test
    void refusals() {
        TestCard card = TestCard.initialized();
        byte[] ec = Keys.ecRequest("secp256r1");
        card.expect(Keys.generate(1, ec), 0x6982);
        card.expect(TestCard.VERIFY_USER, 0x9000);
        card.expect(Keys.generate(0, ec), 0x6A86);
        card.expect(Keys.extended("00460101", ec), 0x6A86);
        card.expect(String.format("00 46 01 00 %02X %s 00", ec.length, Hex.encode(ec)), 0x6700);
        card.expect(Keys.generate(1, new byte[0]), 0x6700);
        card.expect(Keys.generate(1, Hex.decode("5F290100")), 0x6A80);
        card.expect(Keys.generate(1, Keys.rsaRequest(1000)), 0x6A81);
        card.expect(Keys.generate(1, Keys.ecRequest("brainpoolP320r1")), 0x6A81);
        card.expect(Keys.generate(1, Keys.ecRequest("secp256r1", Tlv.of(0x90, new byte[4]))), 0x6A80);
        card.expect(Keys.generate(1, Keys.ecRequest("secp256r1", Tlv.of(0x91, new byte[17]))), 0x6A80);
        card.expect(Keys.generate(1, ec), 0x9000);
        card.expect(Keys.generate(1, ec), 0x6A89);
        assertFalse(Hex.encode(card.expectData("80 58 00 00 00 00 00")).contains("CC02"));
    }

    @Test
    void aCardWithoutDeviceKeyCannotAttestAndSaysSo() {
        TestCard card = new TestCard(SimulatedCard.createBlank());
        card.expect(HsmConstants.SELECT, 0x9000);
        card.expect(TestCard.INITIALIZE_TOOL, 0x9000);
        card.expect(TestCard.VERIFY_USER, 0x9000);
        card.expect(Keys.generate(1, Keys.ecRequest("secp256r1")), 0x6A88);
    }

    @Test
    void reinitializationErasesKeysButKeepsTheDeviceKey() {
        TestCard card = verified();
        card.expect(Keys.generate(1, Keys.ecRequest("secp256r1")), 0x9000);
        card.expect(TestCard.INITIALIZE_TOOL, 0x9000);
        String list = Hex.encode(card.expectData("80 58 00 00 00 00 00"));
        assertEquals("2F02CC00", list);
        card.expect(TestCard.VERIFY_USER, 0x9000);
        card.expect(Keys.generate(1, Keys.ecRequest("secp256r1")), 0x9000);
    }

    private static String text(Tlv tlv) {
        return new String(tlv.value(), StandardCharsets.US_ASCII);
    }
}
