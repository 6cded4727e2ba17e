package org.schsm.hsm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.schsm.apdu.Hex;
import org.schsm.testkit.HsmConstants;

class AppletInfoTest {

    private static AppletInfo parse(String fcp) {
        return AppletInfo.fromFcp(Hex.decode(fcp));
    }

    @Test
    void picoLikeFcpGivesVersionBuildAndOptions() {
        AppletInfo info = parse("62 17 82 01 38 84 0B " + HsmConstants.AID + " 85 05 00 01 FF 03 06");
        assertEquals(new AppletVersion(3, 6), info.version());
        assertEquals(0xFF, info.buildType());
        assertEquals(Optional.of(new DeviceOptions(0x0001)), info.options());
        assertEquals("SmartCard-HSM version 3.6", info.cardName());
    }

    @Test
    void buildTypeNamesTheCardAsOpenScDoes() {
        assertEquals("SmartCard-HSM Applet for JCOP version 3.2", parse("62 07 85 05 00 03 00 03 02").cardName());
        assertEquals("SmartCard-HSM Demo Applet for JCOP version 2.5", parse("62 07 85 05 00 01 01 02 05").cardName());
    }

    @Test
    void optionsAreReadFromTheEndWithTheHighByteWhenPresent() {
        assertEquals(0x0403, parse("62 07 85 05 04 03 FF 06 06").options().orElseThrow().word());
        // four bytes: only the low byte exists, at [n-4]
        assertEquals(0x0002, parse("62 06 85 04 02 00 03 01").options().orElseThrow().word());
    }

    @Test
    void twoByteValueIsAnAppletBeforeTwoWithoutOptions() {
        AppletInfo info = parse("62 04 85 02 01 07");
        assertEquals(new AppletVersion(1, 7), info.version());
        assertEquals(-1, info.buildType());
        assertEquals(Optional.empty(), info.options());
        assertEquals("SmartCard-HSM version 1.7", info.cardName());
    }

    @Test
    void otherTagsIncludingMultiByteTagsAndLongLengthsAreSkipped() {
        AppletInfo info = parse("62 81 0D 9F 01 01 AA 83 02 3F 00 85 03 FF 04 00");
        assertEquals(new AppletVersion(4, 0), info.version());
    }

    @Test
    void fcpWithoutTag85IsNotASmartCardHsm() {
        MalformedResponseException e = assertThrows(MalformedResponseException.class,
                () -> parse("62 05 82 01 38 83 00"));
        assertTrue(e.getMessage().contains("tag 85"), e.getMessage());
        assertThrows(MalformedResponseException.class, () -> parse("62 03 85 01 03"));
    }

    @Test
    void truncatedOrForeignDataIsRefused() {
        assertThrows(MalformedResponseException.class, () -> parse("62 09 85 05 00 01"));
        assertThrows(MalformedResponseException.class, () -> parse("62 04 85 05 00 01"));
        assertThrows(MalformedResponseException.class, () -> parse("90 00"));
        assertThrows(MalformedResponseException.class, () -> parse(""));
    }
}
