package org.schsm.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.schsm.InvalidInputException;
import org.schsm.simulator.SimulatedCard;
import org.schsm.simulator.SimulatorTransport;
import org.schsm.simulator.cvc.DeviceCertificates;
import org.schsm.simulator.cvc.HolderReference;
import org.schsm.transport.CardTransport;
import org.schsm.transport.ReaderInfo;
import org.schsm.transport.ReaderSource;
import org.schsm.transport.Readers;
import org.schsm.transport.UnknownReaderException;

/** Serials and reader sets over a rack of simulated cards behind a scripted PC/SC listing. */
class ReaderSetTest {
    /** Three "USB" readers with simulated devices 1..3 and one empty reader; counts connects. */
    private static final class Rack implements ReaderSource {
        /** Made once: a device certificate costs a key generation. */
        static final Map<String, SimulatedCard> CARDS = Map.of(
                "Rack A 00 00", card(1), "Rack A 00 01", card(2), "Rack B 00 00", card(3));
        final List<String> opened = new ArrayList<>();

        private static SimulatedCard card(int n) {
            return SimulatedCard.create(DeviceCertificates.generate(HolderReference.simulatedDevice(n)));
        }

        @Override
        public List<ReaderInfo> list(boolean withAtr) {
            return List.of(new ReaderInfo(0, "Rack A 00 00", true, null), new ReaderInfo(1, "Rack A 00 01", true, null),
                    new ReaderInfo(2, "Rack B 00 00", true, null), new ReaderInfo(3, "Empty 00 00", false, null));
        }

        @Override
        public CardTransport open(String readerName) {
            opened.add(readerName);
            return new SimulatorTransport(CARDS.get(readerName));
        }
    }

    private final Rack rack = new Rack();
    private final Readers readers = Readers.from(rack);

    private List<String> names(String spec) {
        return ReaderSet.resolve(readers, spec).stream().map(ReaderInfo::name).toList();
    }

    @Test
    void setsAreAllGlobsAndListsButNotSingleReaders() {
        assertTrue(ReaderSet.isSet("all"));
        assertTrue(ReaderSet.isSet(" ALL "));
        assertTrue(ReaderSet.isSet("Rack A*"));
        assertTrue(ReaderSet.isSet("0,1"));
        assertFalse(ReaderSet.isSet("Rack A 00 00"));
        assertFalse(ReaderSet.isSet("serial:DESCHSM0001"));
        assertFalse(ReaderSet.isSet(null));
    }

    @Test
    void allIsEveryPcscReaderEmptyOnesIncluded() {
        assertEquals(List.of("Rack A 00 00", "Rack A 00 01", "Rack B 00 00", "Empty 00 00"), names("all"));
        assertTrue(rack.opened.isEmpty(), "naming a set connects to no card");
    }

    @Test
    void aGlobMatchesNamesIgnoringCaseAndAListKeepsOrderWithoutDuplicates() {
        assertEquals(List.of("Rack A 00 00", "Rack A 00 01"), names("rack a*"));
        assertEquals(List.of("Rack B 00 00", "Rack A 00 00", "Rack A 00 01"), names("2, rack a ?? ??,0"));
        assertThrows(UnknownReaderException.class, () -> names("yubikey*"));
    }

    @Test
    void aSerialFindsItsDeviceWhereverItIsPlugged() {
        assertEquals("Rack A 00 01", ReaderSet.resolveOne(readers, "serial:DESCHSM0002").name());
        assertEquals("Rack B 00 00", ReaderSet.resolveOne(readers, "SERIAL:deschsm0003").name());
        assertEquals(List.of("Rack B 00 00", "Rack A 00 00"), names("serial:DESCHSM0003,serial:DESCHSM0001"));
        assertFalse(rack.opened.contains("Empty 00 00"), "an empty reader is not asked");
    }

    @Test
    void anUnknownSerialNamesTheSerialsThatArePlugged() {
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> ReaderSet.resolveOne(readers, "serial:DENK0100001"));
        assertTrue(e.getMessage().startsWith("no device with serial DENK0100001; devices: DESCHSM0001 in 'Rack A 00 00'"),
                e.getMessage());
    }

    @Test
    void aSetWhereOneCardIsExpectedIsAnInputError() {
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> ReaderSet.resolveOne(readers, "all"));
        assertTrue(e.getMessage().contains("names a set of readers"), e.getMessage());
    }

    @Test
    void serialOfReadsTheDeviceCertificate() {
        ReaderInfo a = readers.resolve("0");
        assertEquals(Optional.of("DESCHSM0001"), ReaderSet.serialOf(readers, a));
        assertEquals(Optional.empty(), ReaderSet.serialOf(readers, readers.resolve("3")));
    }
}
