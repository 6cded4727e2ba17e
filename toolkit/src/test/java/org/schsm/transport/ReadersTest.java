package org.schsm.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.schsm.InvalidInputException;
import org.schsm.apdu.Hex;
import org.schsm.testkit.HsmConstants;
import org.schsm.testkit.ScriptedTransport;

class ReadersTest {
    private static final byte[] HSM_ATR = Hex.decode(HsmConstants.ATR);

    private static final List<ReaderInfo> PCSC = List.of(
            new ReaderInfo(0, "Alcor Micro AU9560 00 00", false, null),
            new ReaderInfo(1, "Nitrokey Nitrokey HSM (DENK01234560000) 01 00", true, HSM_ATR),
            new ReaderInfo(2, "Virtual PCD 00 00", false, null),
            new ReaderInfo(3, "Virtual PCD 00 01", false, null));

    /** A PC/SC listing from a table; {@code opened} records what was connected to. */
    private static final class FakePcsc implements ReaderSource {
        final List<ReaderInfo> readers;
        final PcscUnavailableException down;
        final List<String> opened = new ArrayList<>();
        int listings;
        int prepared;

        @Override
        public void prepare() {
            prepared++;
        }

        FakePcsc(List<ReaderInfo> readers) {
            this.readers = readers;
            this.down = null;
        }

        FakePcsc(PcscUnavailableException down) {
            this.readers = List.of();
            this.down = down;
        }

        @Override
        public List<ReaderInfo> list(boolean withAtr) {
            listings++;
            if (down != null) {
                throw down;
            }
            return readers;
        }

        @Override
        public CardTransport open(String readerName) {
            opened.add(readerName);
            return new ScriptedTransport();
        }
    }

    /** Stands in for the shell's embedded simulator. */
    private static final class FakeSimulator implements PseudoReader {
        int opens;
        final List<String> arguments = new ArrayList<>();
        final ScriptedTransport card = new ScriptedTransport();

        @Override
        public String id() {
            return "sim";
        }

        @Override
        public String description() {
            return "embedded simulated SmartCard-HSM";
        }

        @Override
        public byte[] atr() {
            return HSM_ATR;
        }

        @Override
        public CardTransport open(String argument) {
            opens++;
            arguments.add(argument);
            return card;
        }
    }

    private final FakePcsc pcsc = new FakePcsc(PCSC);
    private final FakeSimulator sim = new FakeSimulator();
    private final Readers readers = Readers.from(pcsc).with(sim);

    @Test
    void listingShowsPcscReadersThenThePseudoReaderWithItsId() {
        ReaderListing l = readers.list();
        assertEquals(5, l.readers().size());
        assertEquals(PCSC, l.pcscReaders());
        ReaderInfo s = l.readers().get(4);
        assertEquals("sim", s.id());
        assertEquals(-1, s.index());
        assertFalse(s.isPcsc());
        assertTrue(s.cardPresent());
        assertTrue(s.toString().startsWith("sim: embedded simulated SmartCard-HSM [card 3B FE 18"), s.toString());
        assertEquals(Optional.empty(), l.pcscProblem());
    }

    @Test
    void pcscOutageIsReportedInTheListingAndThePseudoReaderStillShows() {
        FakePcsc down = new FakePcsc(new PcscUnavailableException("the PC/SC service is not running; start pcscd"));
        ReaderListing l = Readers.from(down).with(sim).list();
        assertEquals(List.of("sim"), l.readers().stream().map(ReaderInfo::id).toList());
        assertEquals(Optional.of("the PC/SC service is not running; start pcscd"), l.pcscProblem());
    }

    @Test
    void simIsOpenedThroughItsPseudoReaderWithoutPcsc() {
        FakePcsc down = new FakePcsc(new PcscUnavailableException("no pcscd"));
        CardTransport t = Readers.from(down).with(sim).open("SIM");
        assertSame(sim.card, t);
        assertEquals(1, sim.opens);
    }

    @Test
    void choosingAPcscReaderWhilePcscIsDownReportsTheOutageNotAnUnknownReader() {
        FakePcsc down = new FakePcsc(new PcscUnavailableException("the PC/SC service is not running; start pcscd"));
        PcscUnavailableException e = assertThrows(PcscUnavailableException.class, () -> Readers.from(down).with(sim).open("0"));
        assertTrue(e.getMessage().contains("start pcscd"), e.getMessage());
    }

    @Test
    void indexFragmentAndExactNameOpenThatPcscReader() {
        readers.open("1");
        readers.open("nitrokey");
        readers.open("Virtual PCD 00 01");
        assertEquals(List.of(PCSC.get(1).name(), PCSC.get(1).name(), "Virtual PCD 00 01"), pcsc.opened);
        assertEquals(0, sim.opens);
    }

    @Test
    void noValueOpensTheOnlyReaderHoldingACard() {
        readers.open((String) null);
        assertEquals(List.of(PCSC.get(1).name()), pcsc.opened);
    }

    @Test
    void noValueWithoutAnyCardAsksForAChoiceAndOffersSim() {
        Readers empty = Readers.from(new FakePcsc(List.of(new ReaderInfo(0, "Empty 00 00", false, null)))).with(sim);
        UnknownReaderException e = assertThrows(UnknownReaderException.class, () -> empty.open(""));
        assertTrue(e.getMessage().startsWith("no PC/SC reader holds a card"), e.getMessage());
        assertTrue(e.getMessage().endsWith("readers: 0 'Empty 00 00', sim 'embedded simulated SmartCard-HSM'"), e.getMessage());
    }

    @Test
    void ambiguousFragmentNamesOnlyTheReadersItMatches() {
        UnknownReaderException e = assertThrows(UnknownReaderException.class, () -> readers.open("virtual pcd"));
        assertEquals("'virtual pcd' matches more than one reader; readers: 2 'Virtual PCD 00 00', 3 'Virtual PCD 00 01'",
                e.getMessage());
        assertEquals(List.of("Virtual PCD 00 00", "Virtual PCD 00 01"), e.candidates());
        assertInstanceOf(InvalidInputException.class, e);
        assertTrue(pcsc.opened.isEmpty(), "nothing may be opened on an input error");
    }

    @Test
    void unknownNumberAndUnknownNameListEveryReaderWithItsId() {
        UnknownReaderException number = assertThrows(UnknownReaderException.class, () -> readers.open("7"));
        assertTrue(number.getMessage().startsWith("there is no reader number 7; readers: 0 'Alcor"), number.getMessage());
        assertTrue(number.getMessage().endsWith(", sim 'embedded simulated SmartCard-HSM'"), number.getMessage());
        UnknownReaderException name = assertThrows(UnknownReaderException.class, () -> readers.open("yubikey"));
        assertTrue(name.getMessage().startsWith("no reader matches 'yubikey'"), name.getMessage());
    }

    @Test
    void fragmentsDoNotReachThePseudoReadersDescription() {
        assertThrows(UnknownReaderException.class, () -> readers.open("simulated"));
        // "hsm" would otherwise be ambiguous between the Nitrokey and the simulator's description.
        readers.open("hsm");
        assertEquals(List.of(PCSC.get(1).name()), pcsc.opened);
    }

    @Test
    void leadingZerosInAnIndexAreTolerated() {
        assertEquals(PCSC.get(3), Readers.choose("03", readers.list().readers()));
        assertEquals(PCSC.get(3), readers.resolve(" 3 "));
    }

    @Test
    void simAndItsArgumentFormsReachThePseudoReaderWithoutListingPcsc() {
        readers.open("sim");
        readers.open("sim:fresh");
        readers.open("SIM:/tmp/card.state");
        assertEquals(java.util.Arrays.asList(null, "fresh", "/tmp/card.state"), sim.arguments);
        assertEquals(0, pcsc.listings, "choosing the simulator must not cost a PC/SC listing");
        ReaderInfo fresh = readers.resolve("sim:fresh");
        assertEquals("sim:fresh", fresh.id());
        assertFalse(fresh.isPcsc());
        assertTrue(readers.isPseudoReader("sim:x"));
        assertFalse(readers.isPseudoReader("simon"));
    }

    @Test
    void exactNameWinsAndFragmentsIgnoreCase() {
        assertEquals(PCSC.get(2), readers.resolve("Virtual PCD 00 00"));
        assertEquals(PCSC.get(1), readers.resolve("NITROKEY"));
        assertEquals(PCSC.get(3), readers.resolve("pcd 00 01"));
    }

    @Test
    void noValuePicksTheOnlyReaderWithACardOrAsksToChoose() {
        List<ReaderInfo> two = List.of(new ReaderInfo(0, "A", true, null), new ReaderInfo(1, "B", true, null));
        UnknownReaderException e = assertThrows(UnknownReaderException.class, () -> Readers.choose(null, two));
        assertTrue(e.getMessage().startsWith("cards are present in 2 readers"), e.getMessage());
        assertEquals(two.get(1), Readers.choose(null, List.of(new ReaderInfo(0, "A", false, null), two.get(1))));
    }

    @Test
    void hugeIndexIsAnUnknownReaderNotACrash() {
        assertThrows(UnknownReaderException.class, () -> readers.resolve("99999999999"));
    }

    @Test
    void readerInfoShowsIndexNameAndAtr() {
        ReaderInfo r = new ReaderInfo(1, "Nitrokey HSM", true, new byte[] {0x3B, 0x00});
        assertEquals("1: Nitrokey HSM [card 3B 00]", r.toString());
        assertEquals("0: Empty [empty]", new ReaderInfo(0, "Empty", false, null).toString());
        assertEquals(r, new ReaderInfo(1, "Nitrokey HSM", true, new byte[] {0x3B, 0x00}));
    }

    @Test
    void theProviderComesFromSchsmPcscProvider() {
        assertEquals(PcscProvider.JNA, PcscProvider.fromEnvironment(java.util.Map.of()));
        assertEquals(PcscProvider.SUN, PcscProvider.fromEnvironment(java.util.Map.of("SCHSM_PCSC_PROVIDER", "sun")));
        assertEquals(PcscProvider.SUN, PcscProvider.fromEnvironment(java.util.Map.of("SCHSM_PCSC_PROVIDER", "JDK")));
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> PcscProvider.fromEnvironment(java.util.Map.of("SCHSM_PCSC_PROVIDER", "pcsc-lite")));
        assertEquals("SCHSM_PCSC_PROVIDER must be jna or sun, not 'pcsc-lite'", e.getMessage());
    }

    @Test
    void pseudoReaderIdsMustBeNewWords() {
        PseudoReader numeric = new PseudoReader() {
            @Override
            public String id() {
                return "2";
            }

            @Override
            public String description() {
                return "would shadow PC/SC reader 2";
            }

            @Override
            public CardTransport open(String argument) {
                throw new AssertionError("never opened");
            }
        };
        assertThrows(IllegalArgumentException.class, () -> readers.with(numeric));
        assertThrows(IllegalArgumentException.class, () -> readers.with(new FakeSimulator()));
    }

    @Test
    void withLeavesTheOriginalListingUnchanged() {
        Readers plain = Readers.from(pcsc);
        plain.with(sim);
        assertEquals(4, plain.list().readers().size());
    }

    /** Makes {@link FakeSimulator}s; a second class of it stands for another module's factory. */
    private static final class SimFactory implements PseudoReader.Factory {
        @Override
        public PseudoReader create(java.nio.file.Path stateFile) {
            return new FakeSimulator();
        }
    }

    private static final class OtherFactory implements PseudoReader.Factory {
        final String id;

        OtherFactory(String id) {
            this.id = id;
        }

        @Override
        public PseudoReader create(java.nio.file.Path stateFile) {
            return new PseudoReader() {
                @Override
                public String id() {
                    return id;
                }

                @Override
                public String description() {
                    return "another module's card";
                }

                @Override
                public CardTransport open(String argument) {
                    return new ScriptedTransport();
                }
            };
        }
    }

    /** A class path lookup that counts how often it is searched. */
    private static final class CountingLookup implements Iterable<PseudoReader.Factory> {
        final List<PseudoReader.Factory> registered;
        int lookups;

        CountingLookup(PseudoReader.Factory... registered) {
            this.registered = List.of(registered);
        }

        @Override
        public java.util.Iterator<PseudoReader.Factory> iterator() {
            lookups++;
            return registered.iterator();
        }
    }

    @Test
    void choicesThatCannotBeAPseudoReaderIdNeverSearchTheClassPath() {
        CountingLookup classPath = new CountingLookup(new SimFactory(), new OtherFactory("other"));
        Readers linked = Readers.system(pcsc, null, classPath, new SimFactory());
        assertEquals(PCSC.get(2), linked.resolve("Virtual PCD 00 00"));
        assertEquals(PCSC.get(3), linked.resolve("3"));
        assertEquals(PCSC.get(1), linked.resolve("Nitrokey Nitrokey HSM (DENK01234560000) 01 00"));
        assertEquals("sim", linked.resolve("sim:fresh").id().substring(0, 3));
        linked.open("sim");
        assertEquals(0, classPath.lookups, "an exact name, an index or a linked id must not search the jars");
        assertEquals(List.of("sim", "other"), linked.list(false).readers().stream().filter(r -> !r.isPcsc()).map(ReaderInfo::id).toList());
        assertEquals(1, classPath.lookups, "a listing shows every pseudo-reader");
        linked.list(false);
        linked.with(new OtherFactory("third").create(null)).resolve("other");
        assertEquals(1, classPath.lookups, "the class path is searched once, for every copy");
    }

    @Test
    void aWordThatIsNoGivenIdSearchesTheClassPathAndFindsItsReader() {
        CountingLookup classPath = new CountingLookup(new OtherFactory("other"));
        Readers linked = Readers.system(pcsc, null, classPath, new SimFactory());
        ReaderInfo other = linked.resolve("OTHER:x");
        assertEquals("other:x", other.id());
        assertFalse(other.isPcsc());
        assertEquals(1, classPath.lookups);
        assertEquals(PCSC.get(1), linked.resolve("nitrokey"), "a fragment that is a word still reaches PC/SC");
        assertEquals(1, classPath.lookups);
    }

    @Test
    void theClassPathRegistrationOfALinkedFactoryIsNotOfferedTwice() {
        Readers linked = Readers.system(pcsc, null, new CountingLookup(new SimFactory()), new SimFactory());
        assertEquals(List.of("sim"), linked.list().readers().stream().filter(r -> !r.isPcsc()).map(ReaderInfo::id).toList());
        Readers unlinked = Readers.system(pcsc, null, new CountingLookup(new SimFactory()));
        assertEquals(List.of("sim"), unlinked.list().readers().stream().filter(r -> !r.isPcsc()).map(ReaderInfo::id).toList());
        assertEquals(1, unlinked.open("sim") instanceof ScriptedTransport ? 1 : 0);
    }

    @Test
    void anotherModuleTakingALinkedIdIsRefusedWhenTheClassPathIsSearched() {
        Readers clash = Readers.system(pcsc, null, new CountingLookup(new OtherFactory("SIM")), new SimFactory());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> clash.list());
        assertEquals("a pseudo-reader with id 'SIM' is already registered", e.getMessage());
        assertEquals(PCSC.get(2), clash.resolve("Virtual PCD 00 00"), "choices that need no lookup still work");
    }

    @Test
    void prepareStartsPcscOnlyForChoicesThatAreNoGivenPseudoReader() {
        CountingLookup classPath = new CountingLookup(new OtherFactory("other"));
        Readers linked = Readers.system(pcsc, null, classPath, new SimFactory());
        linked.prepare("sim");
        linked.prepare(" SIM:fresh ");
        linked.prepare(null);
        assertEquals(0, pcsc.prepared, "the simulator needs no PC/SC");
        linked.prepare("Virtual PCD 00 00");
        linked.prepare("0");
        linked.prepare("other");
        assertEquals(3, pcsc.prepared);
        assertEquals(0, classPath.lookups, "preparing never searches the class path");
        assertEquals(0, pcsc.listings, "preparing lists nothing");
    }

    @Test
    void idsAreWordsOfAsciiLettersDigitsHyphensAndUnderscoresStartingWithALetter() {
        for (String id : List.of("sim", "SIM", "a", "my-card_2", "z9")) {
            assertTrue(Readers.isId(id), id);
        }
        for (String notId : java.util.Arrays.asList(null, "", "0", "2sim", "-sim", "_x", "sim card", "sim:x", "sïm", "Virtual PCD 00 00", "a.b")) {
            assertFalse(Readers.isId(notId), String.valueOf(notId));
        }
    }

    @Test
    void thePcscListingAloneNeedsNoClassPathLookupAndReportsAnOutage() {
        CountingLookup classPath = new CountingLookup(new OtherFactory("other"));
        Readers linked = Readers.system(pcsc, null, classPath, new SimFactory());
        ReaderListing l = linked.listPcsc(false);
        assertEquals(PCSC, l.readers());
        assertEquals(Optional.empty(), l.pcscProblem());
        assertEquals(0, classPath.lookups);
        FakePcsc down = new FakePcsc(new PcscUnavailableException("the PC/SC service is not running; start pcscd"));
        ReaderListing none = Readers.system(down, null, classPath, new SimFactory()).listPcsc(false);
        assertEquals(List.of(), none.readers());
        assertEquals(Optional.of("the PC/SC service is not running; start pcscd"), none.pcscProblem());
        assertEquals(0, classPath.lookups);
    }
}
