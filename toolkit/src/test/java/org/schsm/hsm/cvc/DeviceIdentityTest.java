package org.schsm.hsm.cvc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.schsm.apdu.Hex;
import org.schsm.hsm.cvc.ChainVerdict.Broken;
import org.schsm.hsm.cvc.TestCvcs.Key;

class DeviceIdentityTest {
    /** OpenSC etc/DESRCACC100001's public point (reference §7.4). */
    private static final String SRCA_POINT = "046D025A8026CDBA245F10DF1B72E9880FFF746DAB40A43A3D5C6BEBF27707C30F6DEA72430EE3287B0665C1EAA6EAA4FA26C46303001983F82BD1AA31E03DA062";

    @Test
    void genuineRootsAreOpenScsFilesAndVerifyThemselves() throws Exception {
        List<TrustedRoots.Root> roots = TrustedRoots.known().roots();
        assertEquals(List.of("DESRCACC100001", "UTSRCACC100001", "DESCHSMCVCA00001", "ZZSCHSMSIM00001"),
                roots.stream().map(TrustedRoots.Root::name).toList());
        assertEquals(List.of(true, true, true, false), roots.stream().map(TrustedRoots.Root::genuine).toList());
        for (String name : List.of("DESRCACC100001", "UTSRCACC100001", "DESCHSMCVCA00001")) {
            CvCertificate c = rootCertificate(name);
            assertTrue(c.isSelfSigned(), c.toString());
            assertEquals(Optional.of("brainpoolP256r1"), c.publicKey().curveName());
            assertEquals(CvPublicKey.ID_TA_ECDSA_SHA_256, c.publicKey().algorithmOid());
            assertTrue(CvcSignatures.verify(c.signedBody(), c.signature(), c.publicKey()), c + " self-signature");
            assertEquals(Hex.encode(c.publicKey().point()),
                    Hex.encode(TrustedRoots.known().find(name).orElseThrow().publicKey().point()));
        }
        CvCertificate srca = rootCertificate("DESRCACC100001");
        assertEquals(SRCA_POINT, Hex.encode(srca.publicKey().point()));
        assertEquals(Optional.of(LocalDate.of(2012, 11, 9)), srca.effectiveDate());
        assertEquals(Optional.of(LocalDate.of(2032, 11, 8)), srca.expirationDate());
        assertEquals(441, srca.encoded().length);
        assertEquals(Optional.of("brainpoolP256r1"),
                TrustedRoots.known().find(TrustedRoots.SIMULATOR_ROOT).orElseThrow().publicKey().curveName());
    }

    @Test
    void alteredRootBodyNoLongerVerifies() throws Exception {
        CvCertificate srca = rootCertificate("DESRCACC100001");
        byte[] body = srca.signedBody().clone();
        body[body.length - 1] ^= 1;
        assertFalse(CvcSignatures.verify(body, srca.signature(), srca.publicKey()));
    }

    private static CvCertificate rootCertificate(String name) throws java.io.IOException {
        try (var in = TrustedRoots.class.getResourceAsStream(name + ".cvc")) {
            return CvCertificate.decode(in.readAllBytes());
        }
    }

    @Test
    void chainToAGenuineRootIsGenuine() {
        Key root = Key.generate("brainpoolP256r1");
        Key dica = Key.generate("brainpoolP256r1");
        Key device = Key.generate("brainpoolP256r1");
        byte[] rootCert = TestCvcs.certificate("DETESTROOT00001", "DETESTROOT00001", root.full().encode(), root);
        byte[] dicaCert = TestCvcs.certificate("DETESTROOT00001", "DEDITEST00001", dica.pointOnlyTemplate(), root);
        byte[] deviceCert = TestCvcs.certificate("DEDITEST00001", "DETEST012345600000", device.pointOnlyTemplate(), dica);
        TrustedRoots roots = TrustedRoots.of(List.of(TrustedRoots.Root.of(CvCertificate.decode(rootCert), true)));

        DeviceIdentity identity = DeviceIdentity.of(TestCvcs.concat(deviceCert, dicaCert), roots);

        assertEquals(new ChainVerdict.Genuine("DETESTROOT00001"), identity.verdict());
        assertEquals(Optional.of("DETEST0123456"), identity.serialNumber());
        assertEquals("DEDITEST00001", identity.issuer().orElseThrow().holderReference());
        assertEquals(Optional.of("brainpoolP256r1"), identity.devicePublicKey(roots).orElseThrow().curveName());
    }

    @Test
    void issuerNotSignedByTheRootItNamesIsBroken() {
        Key forger = Key.generate("brainpoolP256r1");
        Key device = Key.generate("brainpoolP256r1");
        byte[] dicaCert = TestCvcs.certificate("DESRCACC100001", "DEDINK0100001", forger.pointOnlyTemplate(), forger);
        byte[] deviceCert = TestCvcs.certificate("DEDINK0100001", "DENK010570200000", device.pointOnlyTemplate(), forger);

        DeviceIdentity identity = DeviceIdentity.of(TestCvcs.concat(deviceCert, dicaCert), TrustedRoots.known());

        Broken broken = assertInstanceOf(Broken.class, identity.verdict());
        assertEquals("issuer certificate DEDINK0100001 does not verify with root DESRCACC100001", broken.reason());
        assertEquals(Optional.of("DENK0105702"), identity.serialNumber());
    }

    @Test
    void deviceNotSignedByItsIssuerIsBroken() {
        Key root = Key.generate("secp256r1");
        Key dica = Key.generate("secp256r1");
        Key other = Key.generate("secp256r1");
        byte[] rootCert = TestCvcs.certificate("UTSIMROOT00001", "UTSIMROOT00001", root.full().encode(), root);
        byte[] dicaCert = TestCvcs.certificate("UTSIMROOT00001", "UTSIMDICA00001", dica.full().encode(), root);
        byte[] deviceCert = TestCvcs.certificate("UTSIMDICA00001", "UTSIM000100001", other.full().encode(), other);
        TrustedRoots roots = TrustedRoots.known().withSimulatorRoot(CvCertificate.decode(rootCert));

        ChainVerdict verdict = DeviceIdentity.of(TestCvcs.concat(deviceCert, dicaCert), roots).verdict();

        assertEquals(new Broken("device certificate UTSIM000100001 does not verify with issuer UTSIMDICA00001"), verdict);
    }

    @Test
    void simulatorRootGivesSimulatedVerifiedOrByNameOnly() {
        Key root = Key.generate("secp256r1");
        Key dica = Key.generate("secp256r1");
        Key device = Key.generate("secp256r1");
        byte[] rootCert = TestCvcs.certificate("UTSIMROOT00001", "UTSIMROOT00001", root.full().encode(), root);
        byte[] dicaCert = TestCvcs.certificate("UTSIMROOT00001", "UTSIMDICA00001", dica.full().encode(), root);
        byte[] deviceCert = TestCvcs.certificate("UTSIMDICA00001", "UTSIM000100001", device.full().encode(), dica);
        byte[] ef = TestCvcs.concat(deviceCert, dicaCert);

        TrustedRoots withRoot = TrustedRoots.known().withSimulatorRoot(CvCertificate.decode(rootCert));
        assertEquals(new ChainVerdict.Simulated("UTSIMROOT00001", true), DeviceIdentity.of(ef, withRoot).verdict());
        assertEquals(new ChainVerdict.Simulated("UTSIMROOT00001", false),
                DeviceIdentity.of(ef, TrustedRoots.known()).verdict());
        assertEquals(Optional.of("UTSIM0001"), DeviceIdentity.of(ef, TrustedRoots.known()).serialNumber());
    }

    @Test
    void unknownRootIsBroken() {
        Key root = Key.generate("secp256r1");
        Key device = Key.generate("secp256r1");
        byte[] dicaCert = TestCvcs.certificate("XXOTHER00001", "XXDICA00001", root.full().encode(), root);
        byte[] deviceCert = TestCvcs.certificate("XXDICA00001", "XXDEV000100001", device.full().encode(), root);
        ChainVerdict verdict = DeviceIdentity.of(TestCvcs.concat(deviceCert, dicaCert), TrustedRoots.known()).verdict();
        assertEquals(new Broken("issuer certificate XXDICA00001 chains to root XXOTHER00001, which is neither one of"
                + " CardContact's roots nor a known simulator root"), verdict);
    }

    @Test
    void picoStyleSingleSelfSignedCertificate() {
        Key key = Key.generate("secp256r1");
        byte[] cert = TestCvcs.certificate("ESPICOHSMTR00001", "ESPICOHSMTR00001", key.full().encode(), key);
        DeviceIdentity identity = DeviceIdentity.of(cert, TrustedRoots.known());
        assertEquals(new ChainVerdict.SelfSigned("ESPICOHSMTR00001"), identity.verdict());
        assertEquals(Optional.of("ESPICOHSMTR"), identity.serialNumber());
        assertEquals("self-signed", identity.verdict().kind());
    }

    @Test
    void issuerThatIsNotTheDevicesCarIsBroken() {
        Key key = Key.generate("secp256r1");
        byte[] dica = TestCvcs.certificate("UTSIMROOT00001", "UTSIMDICA00002", key.full().encode(), key);
        byte[] device = TestCvcs.certificate("UTSIMDICA00001", "UTSIM000100001", key.full().encode(), key);
        ChainVerdict verdict = DeviceIdentity.of(TestCvcs.concat(device, dica), TrustedRoots.known()).verdict();
        assertEquals(new Broken("device certificate UTSIM000100001 names issuer UTSIMDICA00001 but the second"
                + " certificate in 2F02 is UTSIMDICA00002"), verdict);
    }

    @Test
    void undecodableContentIsBrokenWithoutSerial() {
        DeviceIdentity identity = DeviceIdentity.of(Hex.decode("7F21 05 7F4E 02 5F"), TrustedRoots.known());
        assertInstanceOf(Broken.class, identity.verdict());
        assertTrue(identity.serialNumber().isEmpty());
        assertEquals("broken", identity.verdict().kind());
        assertInstanceOf(Broken.class, DeviceIdentity.of(new byte[0], TrustedRoots.known()).verdict());
    }

    @Test
    void recordedCurvePrimesAreBouncyCastles() {
        for (String name : CvPublicKey.knownCurves()) {
            assertEquals(org.bouncycastle.asn1.x9.ECNamedCurveTable.getByName(name).getCurve().getField().getCharacteristic(),
                    CvPublicKey.knownPrime(name), name);
            Key key = Key.generate(name);
            assertEquals(Optional.of(name), key.full().curveName());
        }
    }

    @Test
    void objectIdentifiersAreReadAndWrittenWithoutALibrary() {
        assertEquals("2B0601040181C31F030101", Hex.encode(CvPublicKey.oidBytes("1.3.6.1.4.1.24991.3.1.1")));
        assertEquals("1.3.6.1.4.1.24991.3.1.1", CvPublicKey.oidString(Hex.decode("2B0601040181C31F030101")));
        assertEquals("0.4.0.127.0.7.2.2.2.2.3", CvPublicKey.oidString(Hex.decode("04007F00070202020203")));
        assertEquals("2.999.1", CvPublicKey.oidString(CvPublicKey.oidBytes("2.999.1")));
        org.junit.jupiter.api.Assertions.assertThrows(CvcFormatException.class,
                () -> CvPublicKey.oidString(Hex.decode("2B86")));
    }

    @Test
    void simulatorNamesAreRecognised() {
        assertTrue(TrustedRoots.namesSimulator("UTSIMROOT00001"));
        assertTrue(TrustedRoots.namesSimulator("DESCHSMROOT00001"));
        assertFalse(TrustedRoots.namesSimulator("DESRCACC100001"));
        assertFalse(TrustedRoots.namesSimulator("SIM00001"));
    }
}
