package org.schsm.simulator;

import static org.schsm.simulator.FileTestSupport.ENUMERATE;
import static org.schsm.simulator.FileTestSupport.read;
import static org.schsm.simulator.TestCard.VERIFY_USER;
import static org.schsm.testkit.HsmConstants.SELECT;

import org.junit.jupiter.api.Test;

/** DELETE FILE {@code 00 E4 02 00}. */
class DeleteFileTest {
    @Test
    void deleteFileRemovesItAndKeepsTheOthersIntact() {
        TestCard card = TestCard.initialized();
        card.expect(VERIFY_USER, 0x9000);
        card.expect("00 D7 CF 01 08 54 02 00 00 53 02 11 11", 0x9000);
        card.expect("00 D7 CF 02 08 54 02 00 00 53 02 22 22", 0x9000);
        card.expect("00 D7 CF 03 08 54 02 00 00 53 02 33 33", 0x9000);
        card.expect("00 E4 02 00 02 CF 02", 0x9000);
        card.expect("00 E4 02 00 02 CF 02", 0x6A82);
        card.expect("00 E4 00 00 02 CF 01", 0x6A86);
        card.expect("00 E4 02 00 01 CF", 0x6700);
        card.expectData(read("CF 01", 0, "00"), "11 11");
        card.expectData(read("CF 03", 0, "00"), "33 33");
        card.expectData(ENUMERATE, "2F 02 CF 01 CF 03 CC 00");
        card.expect(SELECT, 0x9000);
        card.expect("00 E4 02 00 02 CF 01", 0x6982);
    }
}
