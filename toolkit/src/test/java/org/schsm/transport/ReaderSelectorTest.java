package org.schsm.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.schsm.InvalidInputException;
import org.schsm.transport.ReaderSelector.PcscReader;
import org.schsm.transport.ReaderSelector.SimulatorRequested;

class ReaderSelectorTest {
    private static final List<String> READERS = List.of(
            "Alcor Micro AU9560 00 00",
            "Nitrokey Nitrokey HSM (DENK01234560000) 01 00",
            "Virtual PCD 00 00",
            "Virtual PCD 00 01");

    @Test
    void exactNameWins() {
        assertEquals(new PcscReader(2, "Virtual PCD 00 00"), ReaderSelector.select("Virtual PCD 00 00", READERS));
    }

    @Test
    void uniqueFragmentIgnoresCase() {
        assertEquals(new PcscReader(1, READERS.get(1)), ReaderSelector.select("nitrokey", READERS));
        assertEquals(new PcscReader(3, READERS.get(3)), ReaderSelector.select("pcd 00 01", READERS));
    }

    @Test
    void numberIsTheZeroBasedIndex() {
        assertEquals(new PcscReader(0, READERS.get(0)), ReaderSelector.select("0", READERS));
        assertEquals(new PcscReader(3, READERS.get(3)), ReaderSelector.select(" 3 ", READERS));
    }

    @Test
    void simRequestsTheSimulatorWithoutTheToolkitKnowingIt() {
        assertInstanceOf(SimulatorRequested.class, ReaderSelector.select("sim", READERS));
        assertInstanceOf(SimulatorRequested.class, ReaderSelector.select("SIM", List.of()));
    }

    @Test
    void readerNamedExactlySimIsStillAReader() {
        assertEquals(new PcscReader(1, "sim"), ReaderSelector.select("sim", List.of("other", "sim")));
    }

    @Test
    void ambiguousFragmentNamesEveryCandidate() {
        UnknownReaderException e = assertThrows(UnknownReaderException.class, () -> ReaderSelector.select("virtual", READERS));
        assertTrue(e.getMessage().contains("more than one"), e.getMessage());
        assertTrue(e.getMessage().contains("2 'Virtual PCD 00 00'") && e.getMessage().contains("3 'Virtual PCD 00 01'"), e.getMessage());
        assertEquals(READERS, e.candidates());
        assertInstanceOf(InvalidInputException.class, e);
    }

    @Test
    void unknownNameAndIndexOutOfRangeAreRejected() {
        assertTrue(assertThrows(UnknownReaderException.class, () -> ReaderSelector.select("yubikey", READERS))
                .getMessage().startsWith("no reader matches 'yubikey'"));
        assertTrue(assertThrows(UnknownReaderException.class, () -> ReaderSelector.select("4", READERS))
                .getMessage().contains("no reader number 4"));
        assertThrows(UnknownReaderException.class, () -> ReaderSelector.select("99999999999", READERS));
    }

    @Test
    void noValuePicksTheOnlyReaderOrAsksToChoose() {
        assertEquals(new PcscReader(0, "Only 00 00"), ReaderSelector.select(null, List.of("Only 00 00")));
        assertTrue(assertThrows(UnknownReaderException.class, () -> ReaderSelector.select("", READERS))
                .getMessage().contains("choose one with -r"));
        assertTrue(assertThrows(UnknownReaderException.class, () -> ReaderSelector.select(" ", List.of()))
                .getMessage().contains("no readers are connected"));
    }

    @Test
    void readerInfoShowsIndexNameAndAtr() {
        ReaderInfo r = new ReaderInfo(1, "Nitrokey HSM", true, new byte[] {0x3B, 0x00});
        assertEquals("1: Nitrokey HSM [card 3B 00]", r.toString());
        assertEquals("0: Empty [empty]", new ReaderInfo(0, "Empty", false, null).toString());
        assertEquals(r, new ReaderInfo(1, "Nitrokey HSM", true, new byte[] {0x3B, 0x00}));
    }
}
