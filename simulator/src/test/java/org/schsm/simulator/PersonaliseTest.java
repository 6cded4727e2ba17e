package org.schsm.simulator;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.schsm.simulator.FileTestSupport.certificate;
import static org.schsm.simulator.FileTestSupport.personalised;
import static org.schsm.simulator.FileTestSupport.read;
import static org.schsm.simulator.TestCard.VERIFY_USER;

import org.junit.jupiter.api.Test;

/** The simulator-only personalisation {@code 80 DA}: EF.C_DevAut before the first initialization. */
class PersonaliseTest {
    @Test
    void personalisationIsRefusedAfterInitialization() {
        TestCard card = TestCard.initialized();
        card.expect("80 DA 2F 02 07 54 02 00 00 53 01 AA", 0x6985);
        card.expect("80 DA 2F 03 07 54 02 00 00 53 01 AA", 0x6A86);
    }

    @Test
    void reinitializationKeepsTheDeviceCertificate() {
        byte[] cert = certificate(50);
        TestCard card = personalised(cert);
        card.expect(TestCard.INITIALIZE_TOOL, 0x9000);
        card.expect(VERIFY_USER, 0x9000);
        card.expect("00 D7 2F 03 07 54 02 00 00 53 01 AA", 0x9000);
        card.expect(TestCard.INITIALIZE_TOOL, 0x9000);
        card.expect("00 A4 00 00 02 2F 03 00", 0x6A82);
        assertArrayEquals(cert, card.expectData(read("2F 02", 0, "00")));
    }
}
