package org.schsm.simulator;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.schsm.InvalidInputException;
import org.schsm.apdu.Hex;
import org.schsm.testkit.HsmConstants;
import org.schsm.transport.CardTransport;
import org.schsm.transport.ReaderInfo;
import org.schsm.transport.Readers;

/** The simulator reaches the toolkit's one reader registry through ServiceLoader, in all three forms. */
class EmbeddedSimulatorReaderTest {
    private static final String SELECT_HSM = HsmConstants.SELECT;

    @TempDir
    Path dir;

    @Test
    void theRegistryFindsSimThroughServiceLoaderAndListsIt() {
        Readers readers = Readers.system(dir.resolve("card.state"));
        ReaderInfo sim = readers.list(false).readers().stream().filter(r -> !r.isPcsc()).findFirst().orElseThrow();
        assertEquals("sim", sim.id());
        assertEquals("embedded simulated SmartCard-HSM", sim.name());
        assertArrayEquals(Hex.decode(SimulatedCard.ATR_HEX), sim.atr());
    }

    @Test
    void simOpensTheStateFileTheProgramWasGiven() {
        Path state = dir.resolve("card.state");
        try (CardTransport card = Readers.system(state).open("sim")) {
            assertInstanceOf(EmbeddedSimulator.class, card);
            assertTrue(Hex.encode(card.transmit(Hex.decode(SELECT_HSM))).endsWith("9000"));
        }
        assertTrue(Files.exists(state), "sim keeps its card in the --sim-state file");
    }

    @Test
    void simFileOpensThatFileAndSimFreshSavesNothing() throws Exception {
        Path other = dir.resolve("other.state");
        try (CardTransport card = Readers.system(dir.resolve("unused.state")).open("sim:" + other)) {
            assertTrue(Hex.encode(card.transmit(Hex.decode(SELECT_HSM))).endsWith("9000"));
        }
        assertTrue(Files.exists(other));
        java.util.List<Path> before;
        try (var files = Files.list(dir)) {
            before = files.sorted().toList();
        }
        try (CardTransport card = Readers.system(dir.resolve("unused.state")).open("SIM:fresh")) {
            assertInstanceOf(SimulatorTransport.class, card);
            assertTrue(Hex.encode(card.transmit(Hex.decode(SELECT_HSM))).endsWith("9000"));
        }
        assertFalse(Files.exists(dir.resolve("unused.state")));
        try (var files = Files.list(dir)) {
            assertEquals(before, files.sorted().toList(), "sim:fresh wrote nothing");
        }
    }

    @Test
    void simWithAnEmptyArgumentIsAnInputError() {
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> Readers.system(dir.resolve("x")).open("sim:"));
        assertTrue(e.getMessage().contains("sim:fresh") || e.getMessage().contains("'fresh'"), e.getMessage());
    }

    @Test
    void aProgramLinkingTheSimulatorGetsItOnceAndFromItsOwnStateFile() {
        Path state = dir.resolve("linked.state");
        Readers readers = Readers.system(state, new EmbeddedSimulatorReader.Factory());
        assertEquals(java.util.List.of("sim"), readers.list(false).readers().stream().filter(r -> !r.isPcsc())
                .map(ReaderInfo::id).toList(), "the class path registration of the same factory is not offered twice");
        try (CardTransport card = readers.open("sim")) {
            assertTrue(Hex.encode(card.transmit(Hex.decode(SELECT_HSM))).endsWith("9000"));
        }
        assertTrue(Files.exists(state));
    }
}
