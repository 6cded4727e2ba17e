package org.schsm.fleet;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.schsm.session.ExitCode;
import org.schsm.transport.ReaderInfo;

class FleetRunTest {
    private static final ReaderInfo RACK_1 = new ReaderInfo(3, "schsm rack 1 00 01", true, null);

    @Test
    void everyFormOfTheReaderOptionIsReplacedByTheDeviceAndParallelIsDropped() {
        assertEquals(List.of("-r", "schsm rack 1 00 01", "status"), FleetRun.forDevice(List.of("-r", "all", "status"), RACK_1));
        assertEquals(List.of("--reader=schsm rack 1 00 01", "pin", "status"),
                FleetRun.forDevice(List.of("--reader=rack*", "--parallel", "4", "pin", "status"), RACK_1));
        assertEquals(List.of("status", "-r", "schsm rack 1 00 01", "--json"),
                FleetRun.forDevice(List.of("status", "-rall", "--parallel=8", "--json"), RACK_1));
    }

    @Test
    void theWorstExitCodeIsBadInputThenLostThenRefusedByTheCardThenTheGuard() {
        assertEquals(ExitCode.OK, worst(0, 0));
        assertEquals(ExitCode.GUARD, worst(0, 4, 0));
        assertEquals(ExitCode.CARD_REFUSED, worst(4, 1, 0));
        assertEquals(ExitCode.NO_CARD, worst(1, 3, 4));
        assertEquals(ExitCode.BAD_INPUT, worst(3, 2, 1));
    }

    private static int worst(int... codes) {
        return FleetRun.worst(java.util.Arrays.stream(codes)
                .mapToObj(c -> new FleetRun.DeviceResult(RACK_1, null, c, "", "")).toList());
    }
}
