package org.schsm.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.function.Function;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.schsm.transport.CardBusyException;
import org.schsm.transport.CardTransport;
import org.schsm.transport.PcscUnavailableException;
import org.schsm.transport.ReaderInfo;
import org.schsm.transport.ReaderSource;
import org.schsm.transport.TransportException;

/** The PC/SC half of schsm doctor: each layer's failure, what was seen, and the fix. */
class PcscDiagnosisTest {
    private static final String VPCD = "Virtual PCD 00 00";
    private static final String USB = "Cherry GmbH SmartTerminal ST-2xxx [Vendor Interface] 00 00";

    record Host(boolean pcscdRunning, boolean pcscdSocketPresent, boolean systemd, List<String> programsUsingPcsc)
            implements PcscHost {
    }

    private static ReaderSource source(Supplier<List<ReaderInfo>> list, Function<String, CardTransport> open) {
        return new ReaderSource() {
            @Override
            public List<ReaderInfo> list(boolean withAtr) {
                return list.get();
            }

            @Override
            public CardTransport open(String readerName) {
                return open.apply(readerName);
            }
        };
    }

    private static PcscDiagnosis.Finding diagnose(Supplier<List<ReaderInfo>> list, Function<String, CardTransport> open,
                                                  PcscHost host, String wanted) {
        return new PcscDiagnosis(source(list, open), host).diagnose(wanted);
    }

    private static final Host PLAIN = new Host(false, false, false, List.of());
    private static final Function<String, CardTransport> NEVER = name -> {
        throw new AssertionError("must not connect to " + name);
    };

    private static Supplier<List<ReaderInfo>> noService() {
        return () -> {
            throw new PcscUnavailableException("the PC/SC service is not running; start pcscd");
        };
    }

    private static String all(PcscDiagnosis.Finding f) {
        return f.toText();
    }

    @Test
    void noPcscdWithoutSystemdSaysHowToStartItHere() {
        var f = diagnose(noService(), NEVER, PLAIN, null);
        assertEquals(PcscDiagnosis.Problem.NO_SERVICE, f.problem());
        assertTrue(all(f).contains("pcscd process: not running"), all(f));
        assertTrue(all(f).contains("pcscd -f &"), all(f));
        assertTrue(all(f).contains("schsm -r sim doctor"), all(f));
    }

    @Test
    void noPcscdUnderSystemdSaysStartTheSocketUnit() {
        var f = diagnose(noService(), NEVER, new Host(false, false, true, List.of()), null);
        assertTrue(all(f).contains("systemctl start pcscd.socket"), all(f));
    }

    @Test
    void pcscdRunningWithoutItsSocketSaysRestart() {
        var f = diagnose(noService(), NEVER, new Host(true, false, false, List.of()), null);
        assertTrue(all(f).contains("pcscd process: running"), all(f));
        assertTrue(all(f).contains("restart"), all(f));
    }

    @Test
    void missingLibraryIsNotConfusedWithAStoppedService() {
        var f = diagnose(() -> {
            throw new PcscUnavailableException("the PC/SC library could not be loaded (is libpcsclite installed?)",
                    new UnsatisfiedLinkError("libpcsclite.so.1"));
        }, NEVER, PLAIN, null);
        assertEquals(PcscDiagnosis.Problem.NO_LIBRARY, f.problem());
        assertTrue(all(f).contains("apt-get install libpcsclite1"), all(f));
    }

    @Test
    void noReaderSaysConnectOneAndNamesTheDriver() {
        var f = diagnose(List::of, NEVER, PLAIN, null);
        assertEquals(PcscDiagnosis.Problem.NO_READER, f.problem());
        assertTrue(all(f).contains("libccid"), all(f));
    }

    @Test
    void emptyVirtualReaderSaysServeTheSimulatedCard() {
        var f = diagnose(() -> List.of(new ReaderInfo(0, VPCD, false, null)), NEVER, PLAIN, null);
        assertEquals(PcscDiagnosis.Problem.NO_CARD, f.problem());
        assertTrue(all(f).contains("reader 0: " + VPCD + " (empty)"), all(f));
        assertTrue(all(f).contains("schsm sim serve &"), all(f));
    }

    @Test
    void namedReaderWithoutCardIsNoCardInThatReader() {
        var f = diagnose(() -> List.of(new ReaderInfo(0, USB, false, null), new ReaderInfo(1, VPCD, true, null)),
                NEVER, PLAIN, "cherry");
        assertEquals(PcscDiagnosis.Problem.NO_CARD, f.problem());
        assertEquals(USB, f.reader());
    }

    @Test
    void cardHeldByAnotherProgramNamesIt() {
        var f = diagnose(() -> List.of(new ReaderInfo(0, USB, true, null)), name -> {
            throw new CardBusyException("the card in '" + name + "' is in exclusive use by another program", null);
        }, new Host(true, true, true, List.of("scdaemon (pid 4242)")), null);
        assertEquals(PcscDiagnosis.Problem.CARD_HELD, f.problem());
        assertTrue(all(f).contains("scdaemon (pid 4242)"), all(f));
        assertTrue(all(f).contains("gpgconf --kill scdaemon"), all(f));
    }

    @Test
    void otherConnectFailuresAreTheDriversWithTheirFix() {
        var f = diagnose(() -> List.of(new ReaderInfo(0, USB, true, null)), name -> {
            throw new TransportException("the card in '" + name + "' does not answer (SCARD_W_UNRESPONSIVE_CARD)");
        }, PLAIN, null);
        assertEquals(PcscDiagnosis.Problem.DRIVER, f.problem());
        assertTrue(all(f).contains("SCARD_W_UNRESPONSIVE_CARD"), all(f));
        assertTrue(all(f).contains("pcscd -f -d"), all(f));
    }

    @Test
    void aCardThatAnswersIsOk() {
        var f = diagnose(() -> List.of(new ReaderInfo(0, USB, true, null)),
                name -> org.schsm.simulator.SimulatorTransport.withFreshCard(), PLAIN, null);
        assertEquals(PcscDiagnosis.Problem.OK, f.problem());
    }

    @Test
    void jsonCarriesProblemSeenAndFixes() {
        var o = diagnose(List::of, NEVER, PLAIN, null).toJson();
        assertEquals("NO_READER", o.get("problem").getAsString());
        assertTrue(o.getAsJsonArray("fixes").size() >= 3, o::toString);
        assertTrue(o.getAsJsonArray("seen").get(0).getAsString().contains("none"), o::toString);
    }
}
