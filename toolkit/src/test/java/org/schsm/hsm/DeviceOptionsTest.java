package org.schsm.hsm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class DeviceOptionsTest {

    @Test
    void bitsHaveTheNamesSchsmToolPrints() {
        DeviceOptions options = new DeviceOptions(0x0003);
        assertEquals(List.of("User PIN reset with SO-PIN enabled", "Transport-PIN mode enabled"), options.names());
        assertEquals("0003 (User PIN reset with SO-PIN enabled, Transport-PIN mode enabled)", options.toString());
    }

    @Test
    void unknownBitsAreNamedByValue() {
        assertEquals(List.of("User PIN reset with SO-PIN enabled", "unknown option 0x0800"),
                new DeviceOptions(0x0801).names());
        assertEquals("0000 (none)", DeviceOptions.NONE.toString());
    }

    @Test
    void defaultAllowsPinResetAndWithWithoutChangeOneBit() {
        assertEquals(0x0001, DeviceOptions.DEFAULT.word());
        DeviceOptions transport = DeviceOptions.DEFAULT.with(DeviceOption.TRANSPORT_PIN);
        assertEquals(0x0003, transport.word());
        assertFalse(transport.without(DeviceOption.RESET_RETRY_COUNTER).has(DeviceOption.RESET_RETRY_COUNTER));
        assertTrue(transport.has(DeviceOption.TRANSPORT_PIN));
    }
}
