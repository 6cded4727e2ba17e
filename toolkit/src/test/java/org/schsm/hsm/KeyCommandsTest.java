package org.schsm.hsm;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.schsm.apdu.Hex;
import org.schsm.hsm.dkek.DkekShare;
import org.schsm.hsm.pkcs15.KeyType;
import org.schsm.hsm.pkcs15.PrivateKeyDescription;
import org.schsm.testkit.ScriptedTransport;
import org.schsm.tlv.Tlv;
import org.schsm.tlv.TlvReader;
import org.schsm.tlv.TlvWriter;

/** The key and file commands' exact APDUs (reference §1-§6), against a scripted card. */
class KeyCommandsTest {
    private static final String OK = "90 00";

    @Test
    void enumerateObjectsSendsExtendedLeAndSplitsFileIds() {
        ScriptedTransport card = new ScriptedTransport().expect("80 58 00 00 00 00 00", "2F02 CC00 CC01 C401 9000");
        assertEquals(List.of(0x2F02, 0xCC00, 0xCC01, 0xC401), new SmartCardHsm(card).enumerateObjects());
        card.assertDone();
    }

    @Test
    void readBinaryReadsTheWholeFileInOneExtendedCommand() {
        ScriptedTransport card = new ScriptedTransport().expect("00 B1 2F 02 00 00 04 54 02 00 00 00 00", "0102 03 6282");
        assertEquals("010203", Hex.encode(new SmartCardHsm(card).readBinary(0x2F02)));
        card.assertDone();
    }

    @Test
    void missingFileIsATypedRefusal() {
        ScriptedTransport card = new ScriptedTransport().expect("00 B1 C4 09 00 00 04 54 02 00 00 00 00", "6A82");
        FileNotFoundOnCardException e = assertThrows(FileNotFoundOnCardException.class,
                () -> new SmartCardHsm(card).readBinary(0xC409));
        assertEquals(0x6A82, e.statusWord().value());
    }

    @Test
    void updateBinaryWritesInChunksWithAdvancingOffsets() {
        byte[] data = new byte[2500];
        Arrays.fill(data, (byte) 0x5A);
        ScriptedTransport card = new ScriptedTransport()
                .expect(write(0xCF01, 0, Arrays.copyOfRange(data, 0, 1024)), OK)
                .expect(write(0xCF01, 1024, Arrays.copyOfRange(data, 1024, 2048)), OK)
                .expect(write(0xCF01, 2048, Arrays.copyOfRange(data, 2048, 2500)), OK);
        new SmartCardHsm(card).updateBinary(0xCF01, data);
        card.assertDone();
    }

    @Test
    void emptyWriteCreatesAnEmptyFileAsOpenScDoes() {
        ScriptedTransport card = new ScriptedTransport().expect("00 D7 CF 02 06 54 02 00 00 53 00", OK);
        new SmartCardHsm(card).updateBinary(0xCF02, new byte[0]);
        card.assertDone();
    }

    @Test
    void keyListingReadsOnlyListedFilesOncePerFile() {
        ScriptedTransport card = new ScriptedTransport()
                .expect("80 58 00 00 00 00 00", "2F02 CC00 CC01 C401 CE01 CC02 C402 9000")
                .expect("00 B1 C4 01 00 00 04 54 02 00 00 00 00", Hex.encode(RealData.prkd()) + "6282")
                .expect("00 B1 CE 01 00 00 04 54 02 00 00 00 00", Hex.encode(RealData.authenticatedRequest()) + "6282")
                .expect("00 B1 C4 02 00 00 04 54 02 00 00 00 00", Hex.encode(rsaPrkd()) + "9000");
        List<KeyInfo> keys = new SmartCardHsm(card).keys();
        card.assertDone();
        assertEquals(4, card.sent().size(), "1 + one READ BINARY per listed file");
        KeyInfo ec = keys.get(0);
        assertEquals(1, ec.id());
        assertEquals(Optional.of(KeyType.EC), ec.type());
        assertEquals(256, ec.sizeBits());
        assertEquals(Optional.of("secp256k1"), ec.curve());
        assertEquals(Optional.of("btc-test"), ec.label());
        assertEquals(KeyInfo.Credential.CV_REQUEST, ec.credential());
        KeyInfo rsa = keys.get(1);
        assertEquals(Optional.of(KeyType.RSA), rsa.type());
        assertEquals(2048, rsa.sizeBits());
        assertEquals(Optional.of("signer"), rsa.label());
        assertEquals(KeyInfo.Credential.NONE, rsa.credential());
    }

    @Test
    void fiftyKeysCostAtMostOnePlusTwoApdusEach() {
        StringBuilder list = new StringBuilder("CC00");
        ScriptedTransport card = new ScriptedTransport();
        for (int id = 1; id <= 50; id++) {
            list.append(String.format(" CC%02X C4%02X CE%02X", id, id, id));
        }
        card.expect("80 58 00 00 00 00 00", list + " 9000");
        for (int id = 1; id <= 50; id++) {
            card.expect(String.format("00 B1 C4 %02X 00 00 04 54 02 00 00 00 00", id), Hex.encode(RealData.prkd()) + "6282");
            card.expect(String.format("00 B1 CE %02X 00 00 04 54 02 00 00 00 00", id),
                    Hex.encode(RealData.authenticatedRequest()) + "6282");
        }
        assertEquals(50, new SmartCardHsm(card).keys().size());
        assertEquals(1 + 2 * 50, card.sent().size());
    }

    @Test
    void deletingAKeyNeedsForceAndRemovesDescriptorAndCertificate() {
        ScriptedTransport guarded = new ScriptedTransport();
        BrickGuardException refused = assertThrows(BrickGuardException.class, () -> new SmartCardHsm(guarded).deleteKey(1));
        assertTrue(refused.reasons().contains(BrickGuardException.Reason.DELETES_KEY));
        assertEquals(List.of(), guarded.sent(), "nothing sent without force");
        assertThrows(BrickGuardException.class, () -> new SmartCardHsm(guarded).deleteFile(0xCC01));

        ScriptedTransport card = new ScriptedTransport()
                .expect("00 E4 02 00 02 CC 01", OK)
                .expect("00 E4 02 00 02 C4 01", OK)
                .expect("00 E4 02 00 02 CE 01", "6A82");
        new SmartCardHsm(card).withForce().deleteKey(1);
        card.assertDone();
        assertThrows(org.schsm.InvalidInputException.class, () -> new SmartCardHsm(card).withForce().deleteKey(0));
    }

    @Test
    void generationSendsOpenScsRequestAndWritesOpenScsDescriptor() {
        // The request the real device answered (reference §2.2): the body of its CV request without the point 86.
        KeyGenerationRequest request = new KeyGenerationRequest(KeySpec.ec("secp256k1"), "UTCA00001",
                "DENK010570200001", Optional.empty(), new byte[0], Optional.empty());
        assertEquals(Hex.encode(realBodyWithoutPoint()), Hex.encode(request.encode()));

        ScriptedTransport card = new ScriptedTransport()
                .expect("00 46 01 00 " + lc(request.encode()) + Hex.encode(request.encode()) + "00 00",
                        Hex.encode(RealData.authenticatedRequest()) + "9000")
                .expect(write(0xC401, 0, RealData.prkd()), OK);
        KeyInfo key = new SmartCardHsm(card).generateKeyPair(1, request, "btc-test");
        card.assertDone();
        assertEquals(Optional.of("btc-test"), key.label());
        assertEquals(Optional.of("secp256k1"), key.curve());
    }

    @Test
    void rsaRequestCarriesExponentAndSizeAsUniversalInteger() {
        byte[] data = KeyGenerationRequest.openScStyle(KeySpec.rsa(2048), "DECM0102330").encode();
        Tlv template = TlvReader.readAll(data).get(2);
        assertEquals("7F49 [06 04 00 7F 00 07 02 02 02 01 02, 82 01 00 01, 02 08 00]", template.toString());
        assertEquals("DECM010233000001", new String(TlvReader.readAll(data).get(3).value()));
    }

    @Test
    void optionalRequestFieldsFollowTheCvBody() {
        byte[] data = new KeyGenerationRequest(KeySpec.ec("secp256r1"), "UTCA00001", "UTDUMMY00001", Optional.of(1000L),
                new byte[] {0x70, 0x73, (byte) 0x92}, Optional.of(0)).encode();
        List<Tlv> all = TlvReader.readAll(data);
        assertEquals("000003E8", Hex.encode(all.get(4).value()));
        assertEquals("707392", Hex.encode(all.get(5).value()));
        assertEquals(0x92, all.get(6).tag());
        assertThrows(org.schsm.InvalidInputException.class, () -> new KeyGenerationRequest(KeySpec.rsa(2048), "X",
                "Y", Optional.of(0L), new byte[0], Optional.empty()));
    }

    @Test
    void signDecipherWrapUnwrapApdus() {
        byte[] hash = new byte[32];
        ScriptedTransport card = new ScriptedTransport()
                .expect("80 68 01 70 00 00 20" + Hex.encode(hash) + "00 00", "3006020101020102 9000")
                .expect("80 62 02 80 00 00 03 04 01 02 00 00", "04 AA 9000")
                .expect("80 72 01 92 00 00 00", Hex.encode(RealData.keyBlob()) + "9000")
                .expect("80 74 03 93 00 01 6B" + Hex.encode(RealData.keyBlob()), OK);
        SmartCardHsm hsm = new SmartCardHsm(card);
        assertEquals("3006020101020102", Hex.encode(hsm.computeSignature(1, 0x70, hash)));
        assertEquals("04AA", Hex.encode(hsm.decipher(2, 0x80, Hex.decode("040102"))));
        assertArrayEquals(RealData.keyBlob(), hsm.wrapKey(1));
        hsm.unwrapKey(3, RealData.keyBlob());
        card.assertDone();
    }

    @Test
    void importDkekShareSendsCase4AndClearsTheShareBytes() {
        byte[] value = new byte[32];
        Arrays.fill(value, (byte) 0x11);
        ScriptedTransport card = new ScriptedTransport()
                .expect("80 52 00 00 20" + Hex.encode(value) + "00", "01 00 0102030405060708 9000");
        DkekStatus status = new SmartCardHsm(card).importDkekShare(new DkekShare(value));
        assertEquals(new DkekStatus(1, 0, "0102030405060708"), status);
        byte[] sent = card.buffer(0);
        for (int i = 5; i < 37; i++) {
            assertEquals(0, sent[i], "share byte " + i + " overwritten after sending");
        }
    }

    @Test
    void getChallengeAsksInBlocksOf256() {
        ScriptedTransport card = new ScriptedTransport()
                .expect("00 84 00 00 00", Hex.encode(new byte[256]) + "9000")
                .expect("00 84 00 00 08", "0102030405060708 9000");
        byte[] r = new SmartCardHsm(card).getChallenge(264);
        assertEquals(264, r.length);
        assertEquals("0102030405060708", Hex.encode(r, 256, 8));
    }

    private static byte[] realBodyWithoutPoint() {
        byte[] request = org.schsm.hsm.cvc.AuthenticatedRequest.decode(RealData.authenticatedRequest()).request().encoded();
        Tlv body = TlvReader.find(request, "7F21/7F4E").orElseThrow();
        TlvWriter w = new TlvWriter();
        for (Tlv t : body.children()) {
            if (t.tag() == 0x7F49) {
                w.begin(0x7F49);
                t.children().stream().filter(c -> c.tag() != 0x86).forEach(w::add);
                w.end();
            } else {
                w.add(t);
            }
        }
        return w.toByteArray();
    }

    private static byte[] rsaPrkd() {
        return PrivateKeyDescription.forKey(KeyType.RSA, "signer", new byte[20], 2, 2048).encode();
    }

    private static String write(int fid, int offset, byte[] data) {
        byte[] body = new TlvWriter().add(0x54, new byte[] {(byte) (offset >> 8), (byte) offset}).add(0x53, data)
                .toByteArray();
        return String.format("00 D7 %02X %02X ", fid >> 8, fid & 0xFF) + lc(body) + Hex.encode(body);
    }

    private static String lc(byte[] data) {
        return data.length > 255 ? String.format("00 %02X %02X ", data.length >> 8, data.length & 0xFF)
                : String.format("%02X ", data.length);
    }
}
