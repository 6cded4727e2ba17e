package org.schsm.simulator;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.schsm.hsm.DkekStatus;
import org.schsm.hsm.FileNotFoundOnCardException;
import org.schsm.hsm.SmartCardHsm;
import org.schsm.hsm.cvc.ChainVerdict;
import org.schsm.hsm.cvc.CvCertificate;
import org.schsm.hsm.cvc.DeviceIdentity;
import org.schsm.hsm.cvc.TrustedRoots;
import org.schsm.hsm.dkek.DkekShare;
import org.schsm.simulator.cvc.DeviceCertificates;
import org.schsm.simulator.cvc.HolderReference;
import org.schsm.testkit.HsmConstants;

/** The toolkit's file, identity and DKEK commands (org.schsm.hsm) against the simulated card. */
class ToolkitKeyLayerOnSimulatorTest {
    @Test
    void chunkedWriteReadsBackWholeInOneCommand() {
        TestCard card = TestCard.initialized();
        card.expect(TestCard.VERIFY_USER, 0x9000);
        SmartCardHsm hsm = new SmartCardHsm(card.transport);
        byte[] data = new byte[3000];
        for (int i = 0; i < data.length; i++) {
            data[i] = (byte) (i * 7);
        }
        hsm.updateBinary(0xCF01, data);
        assertArrayEquals(data, hsm.readBinary(0xCF01));
        assertTrue(hsm.enumerateObjects().contains(0xCF01));
        hsm.deleteFile(0xCF01);
        assertThrows(FileNotFoundOnCardException.class, () -> hsm.readBinary(0xCF01));
    }

    @Test
    void simulatedDeviceChainIsRecognisedAndGivesTheSerial() {
        DeviceCertificates certificates = DeviceCertificates.generate(HolderReference.simulatedDevice(42));
        TestCard card = new TestCard(SimulatedCard.create(certificates.efCDevAut()));
        card.expect(HsmConstants.SELECT, 0x9000);
        DeviceIdentity identity = new SmartCardHsm(card.transport).deviceIdentity();
        ChainVerdict.Simulated verdict = assertInstanceOf(ChainVerdict.Simulated.class, identity.verdict(),
                identity.verdict()::describe);
        assertEquals(identity.issuer().orElseThrow().authorityReference().orElseThrow(), verdict.root());
        assertEquals(certificates.serialNumber(), identity.serialNumber().orElseThrow());
        // With the simulator's root certificate at hand, the issuer's signature is checked too.
        TrustedRoots roots = TrustedRoots.known().withSimulatorRoot(CvCertificate.decode(certificates.rootCertificate()));
        assertEquals(new ChainVerdict.Simulated(verdict.root(), true),
                new SmartCardHsm(card.transport).deviceIdentity(roots).verdict());
    }

    @Test
    void importedShareGivesTheKcvTheToolkitComputes() {
        TestCard card = TestCard.initialized();
        byte[] value = new byte[32];
        Arrays.fill(value, (byte) 0x3C);
        DkekShare share = new DkekShare(value);
        String expected = share.kcvHex();
        DkekStatus status = new SmartCardHsm(card.transport).importDkekShare(share);
        assertEquals(new DkekStatus(1, 0, expected), status);
    }
}
