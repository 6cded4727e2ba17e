package org.schsm.simulator;

import static org.schsm.simulator.FileTestSupport.ENUMERATE;
import static org.schsm.testkit.HsmConstants.SELECT;

import org.junit.jupiter.api.Test;

/** ENUMERATE OBJECTS {@code 80 58}: every EF and key, 2F02 and CC00 included. */
class EnumerateObjectsTest {
    @Test
    void enumerateObjectsOnAFreshCardListsTheDeviceCertificateAndKey() {
        // a real card lists 2F02 and CC00 too (reference §1.1)
        TestCard card = TestCard.selected();
        card.expectData(ENUMERATE, "2F 02 CC 00");
        card.expectData("80 58 00 00 00 00 00", "2F 02 CC 00");
        TestCard blank = new TestCard(SimulatedCard.createBlank());
        blank.expect(SELECT, 0x9000);
        blank.expectData(ENUMERATE, "");
    }

    @Test
    void enumerateObjectsChecksParametersAndLength() {
        TestCard card = TestCard.selected();
        card.expect("80 58 01 00 00", 0x6A86);
        card.expect("80 58 00 00 01 00 00", 0x6700);
    }
}
