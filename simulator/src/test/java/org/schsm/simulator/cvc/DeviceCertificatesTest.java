package org.schsm.simulator.cvc;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import org.bouncycastle.asn1.eac.CVCertificate;
import org.bouncycastle.asn1.eac.ECDSAPublicKey;
import org.bouncycastle.asn1.eac.EACObjectIdentifiers;
import org.bouncycastle.eac.EACCertificateHolder;
import org.bouncycastle.eac.operator.jcajce.JcaEACSignatureVerifierBuilder;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.schsm.apdu.Hex;
import org.schsm.tlv.Tlv;
import org.schsm.tlv.TlvReader;

class DeviceCertificatesTest {
    private static final int CVC = 0x7F21;
    private static final int BODY = 0x7F4E;
    private static final int SIGNATURE = 0x5F37;
    private static final int PUBLIC_KEY = 0x7F49;
    /** id-TA-ECDSA-SHA-256, 0.4.0.127.0.7.2.2.2.2.3. */
    private static final byte[] ID_TA_ECDSA_SHA_256 = Hex.decode("04007F00070202020203");
    private static final LocalDate EFFECTIVE = LocalDate.of(2026, 11, 23);

    private static final java.security.Provider BC = new org.bouncycastle.jce.provider.BouncyCastleProvider();
    private static final org.bouncycastle.jce.spec.ECNamedCurveParameterSpec BRAINPOOL =
            org.bouncycastle.jce.ECNamedCurveTable.getParameterSpec("brainpoolP256r1");
    private static DeviceCertificates certs;
    private static byte[] ef;
    private static Tlv device;
    private static Tlv dica;

    @BeforeAll
    static void generate() {
        certs = DeviceCertificates.generate(HolderReference.simulatedDevice(1), new SecureRandom(), EFFECTIVE);
        ef = certs.efCDevAut();
        List<Tlv> top = TlvReader.readAll(ef);
        assertEquals(2, top.size(), "EF.C_DevAut holds exactly two certificates");
        device = top.get(0);
        dica = top.get(1);
    }

    @Test
    void efCDevAutIsTheDeviceCertificateFollowedByTheDica() {
        byte[] deviceCert = certs.deviceCertificate();
        assertArrayEquals(deviceCert, Arrays.copyOf(ef, deviceCert.length));
        assertArrayEquals(certs.issuerCertificate(), Arrays.copyOfRange(ef, deviceCert.length, ef.length));
        assertEquals(CVC, device.tag());
        assertEquals(CVC, dica.tag());
    }

    @Test
    void bodyFieldsComeInTheOrderOpenScDecodes() {
        // sc_pkcs15emu_sc_hsm_decode_cvc reads 5F29, 42, 7F49, 5F20 in this order; the rest follows.
        for (Tlv cert : List.of(device, dica)) {
            assertEquals(List.of(BODY, SIGNATURE), tags(cert));
            assertEquals(List.of(0x5F29, 0x42, PUBLIC_KEY, 0x5F20, 0x7F4C, 0x5F25, 0x5F24),
                    tags(at(cert, "7F4E")));
            assertArrayEquals(new byte[] {0}, at(cert, "7F4E/5F29").value(), "profile identifier 0");
        }
    }

    @Test
    void datesArePackedDigitsAndTheDeviceExpiresAfterItsIssuer() {
        assertArrayEquals(new byte[] {2, 6, 1, 1, 2, 3}, at(device, "7F4E/5F25").value());
        assertArrayEquals(new byte[] {3, 6, 1, 1, 2, 3}, at(device, "7F4E/5F24").value());
        assertArrayEquals(new byte[] {4, 1, 0, 1, 0, 1}, at(dica, "7F4E/5F24").value(),
                "the simulator's DICA: 2026-01-01 plus 15 years");
    }

    @Test
    void deviceHolderReferenceGivesTheSerialNumber() {
        String chr = text(at(device, "7F4E/5F20"));
        assertEquals("DESCHSM000100001", chr);
        assertEquals("DESCHSM0001", chr.substring(0, chr.length() - 5), "OpenSC strips the 5-digit sequence");
        assertEquals("DESCHSM0001", certs.serialNumber());
    }

    @Test
    void chainOfReferencesLeadsFromDeviceToDicaToRoot() {
        assertEquals(text(at(dica, "7F4E/5F20")), text(at(device, "7F4E/42")));
        assertEquals(DeviceCertificates.DICA.toString(), text(at(dica, "7F4E/5F20")));
        assertEquals(DeviceCertificates.ROOT.toString(), text(at(dica, "7F4E/42")));
        Tlv root = TlvReader.readOne(certs.rootCertificate());
        assertEquals(text(at(root, "7F4E/5F20")), text(at(root, "7F4E/42")), "root is self-signed");
    }

    @Test
    void onlyTheRootCarriesDomainParametersAsOnTheRealCard() {
        // reference §7.1: device and DICA certificates hold the point alone; the curve comes from the root
        Tlv key = at(device, "7F4E/7F49");
        assertEquals(List.of(0x06, 0x86), tags(key));
        assertEquals(List.of(0x06, 0x86), tags(at(dica, "7F4E/7F49")));
        assertArrayEquals(ID_TA_ECDSA_SHA_256, at(key, "06").value());
        byte[] point = at(key, "86").value();
        assertEquals(65, point.length);
        assertEquals(0x04, point[0], "uncompressed point");
        assertArrayEquals(((org.bouncycastle.jce.interfaces.ECPublicKey) certs.deviceKeyPair().getPublic()).getQ()
                .getEncoded(false), point);
        Tlv rootKey = at(TlvReader.readOne(certs.rootCertificate()), "7F4E/7F49");
        assertEquals(List.of(0x06, 0x81, 0x82, 0x83, 0x84, 0x85, 0x86, 0x87), tags(rootKey));
        assertEquals(BRAINPOOL.getCurve().getField().getCharacteristic(), new BigInteger(1, at(rootKey, "81").value()));
        assertEquals(BRAINPOOL.getN(), new BigInteger(1, at(rootKey, "85").value()));
    }

    @Test
    void theRootIsTheSimulatorsFixedRootWhoseNameSaysSo() {
        DeviceCertificates other = DeviceCertificates.generate(HolderReference.randomSimulatedDevice(new SecureRandom()));
        assertArrayEquals(certs.issuerCertificate(), other.issuerCertificate(), "one DICA for all simulated cards");
        assertEquals("ZZSCHSMSIM00001", DeviceCertificates.ROOT.toString());
        assertArrayEquals(DeviceCertificates.simulatorRootCertificate(), certs.rootCertificate());
        assertFalse(other.serialNumber().equals(certs.serialNumber()));
        assertTrue(other.serialNumber().matches("ZZSIM[0-9A-Z]{6}"), other.serialNumber());
    }

    @Test
    void signaturesArePlainRAndSOf64BytesAndVerifyUpTheChain() throws Exception {
        PublicKey dicaKey = publicKeyOf(dica);
        PublicKey rootKey = publicKeyOf(TlvReader.readOne(certs.rootCertificate()));
        assertTrue(verifies(device, dicaKey), "device certificate must verify with the DICA key");
        assertTrue(verifies(dica, rootKey), "DICA certificate must verify with the root key");
        assertFalse(verifies(device, rootKey), "device certificate must not verify with the root key");
    }

    @Test
    void bouncyCastleParsesBothCertificatesAndChecksTheirSignatures() throws Exception {
        EACCertificateHolder deviceHolder = new EACCertificateHolder(certs.deviceCertificate());
        EACCertificateHolder dicaHolder = new EACCertificateHolder(certs.issuerCertificate());
        CVCertificate parsed = deviceHolder.toASN1Structure();
        assertEquals("DE", parsed.getHolderReference().getCountryCode());
        assertEquals("SCHSM0001", parsed.getHolderReference().getHolderMnemonic());
        assertEquals("00001", parsed.getHolderReference().getSequenceNumber());
        ECDSAPublicKey dicaPublic = (ECDSAPublicKey) dicaHolder.getPublicKeyDataObject();
        assertEquals(EACObjectIdentifiers.id_TA_ECDSA_SHA_256, dicaPublic.getUsage());
        assertTrue(deviceHolder.isSignatureValid(new JcaEACSignatureVerifierBuilder().setProvider(BC)
                .build(EACObjectIdentifiers.id_TA_ECDSA_SHA_256, publicKeyOf(dica))));
    }

    @Test
    void fitsTheBufferOpenScReadsEfCDevAutInto() {
        // pkcs15-sc-hsm.c and the chip authentication in card-sc-hsm.c read 2F02 into 1024 bytes.
        assertTrue(ef.length <= 1024, "EF.C_DevAut is " + ef.length + " bytes");
    }

    @Test
    void eachGenerationUsesFreshKeys() {
        DeviceCertificates other = DeviceCertificates.generate(HolderReference.simulatedDevice(1));
        assertFalse(Arrays.equals(certs.deviceCertificate(), other.deviceCertificate()));
    }

    private static boolean verifies(Tlv cert, PublicKey issuer) throws Exception {
        Tlv body = at(cert, "7F4E");
        byte[] bodyTlv = body.encode(); // as it was signed: 7F4E, its length, its value
        byte[] signature = at(cert, "5F37").value();
        assertEquals(64, signature.length, "r||s on a 256-bit curve");
        Signature verifier = Signature.getInstance("SHA256withPLAIN-ECDSA", BC);
        verifier.initVerify(issuer);
        verifier.update(bodyTlv);
        return verifier.verify(signature);
    }

    private static PublicKey publicKeyOf(Tlv cert) throws Exception {
        byte[] point = at(cert, "7F4E/7F49/86").value();
        return KeyFactory.getInstance("EC", BC).generatePublic(new org.bouncycastle.jce.spec.ECPublicKeySpec(
                BRAINPOOL.getCurve().decodePoint(point), BRAINPOOL));
    }

    /** The object at a tag path below {@code tlv}, such as {@code 7F4E/5F20}; it must be there. */
    private static Tlv at(Tlv tlv, String path) {
        return tlv.find(path).orElseThrow(() -> new AssertionError("no " + path + " in " + tlv));
    }

    private static List<Integer> tags(Tlv tlv) {
        return tlv.children().stream().map(Tlv::tag).toList();
    }

    private static String text(Tlv node) {
        return new String(node.value(), StandardCharsets.US_ASCII);
    }
}
