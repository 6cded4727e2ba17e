package org.schsm.simulator;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.schsm.simulator.TestCard.VERIFY_USER;
import static org.schsm.simulator.TestCard.VERIFY_WRONG_USER;
import static org.schsm.simulator.TestCard.WRONG_SO_PIN;
import static org.schsm.testkit.HsmConstants.DEFAULT_SO_PIN;
import static org.schsm.testkit.HsmConstants.SELECT;
import static org.schsm.testkit.HsmConstants.SO_STATUS;
import static org.schsm.testkit.HsmConstants.USER_STATUS;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.schsm.apdu.Hex;
import org.schsm.testkit.HsmConstants;
import org.schsm.transport.TransportException;

class PersistenceTest {
    @TempDir
    Path dir;

    private TestCard reload(TestCard card) throws IOException {
        Path file = dir.resolve("card.schsm");
        card.card.save(file);
        return new TestCard(SimulatedCard.load(file));
    }

    @Test
    void countersOptionsFilesAndDkekSurviveSaveAndLoad() throws IOException {
        TestCard card = TestCard.initialized();
        card.expect(VERIFY_USER, 0x9000);
        card.expect("00 D7 CF 01 08 54 02 00 00 53 02 CA FE", 0x9000);
        card.expect("80 52 00 00 20 " + "11 ".repeat(32) + " 00", 0x9000);
        card.expect(VERIFY_WRONG_USER, 0x63C2);
        card.expect("00 20 00 88 08 " + WRONG_SO_PIN, 0x63CE);
        byte[] dkek = card.expectData(HsmConstants.DKEK_STATUS);

        TestCard restored = reload(card);
        restored.expect(SELECT, 0x9000);
        restored.expect(USER_STATUS, 0x63C2);
        restored.expect(SO_STATUS, 0x63CE);
        assertArrayEquals(dkek, restored.expectData(HsmConstants.DKEK_STATUS));
        restored.expect(VERIFY_USER, 0x9000);
        restored.expectData("00 B1 CF 01 04 54 02 00 00 00", "CA FE");
        restored.expectData("80 58 00 00 00", "2F 02 CF 01 CC 00");
        byte[] fcp = restored.expectData(SELECT);
        assertEquals(0x01, fcp[fcp.length - 4]);
    }

    @Test
    void anUnchangedStateIsNotRewrittenButEveryChangeIs() throws IOException {
        Path file = dir.resolve("card.schsm");
        TestCard card = TestCard.initialized();
        card.card.save(file);
        FileTime longAgo = FileTime.fromMillis(0);
        Files.setLastModifiedTime(file, longAgo);

        card.expect(SELECT, 0x9000);
        card.expect(USER_STATUS, 0x63C3);
        card.card.save(file);
        assertEquals(longAgo, Files.getLastModifiedTime(file), "read-only APDUs rewrote the state file");

        TestCard loaded = new TestCard(SimulatedCard.load(file));
        loaded.expect(SELECT, 0x9000);
        loaded.card.save(file);
        assertEquals(longAgo, Files.getLastModifiedTime(file), "a freshly loaded card rewrote its own file");

        loaded.expect(VERIFY_WRONG_USER, 0x63C2);
        loaded.card.save(file);
        assertTrue(Files.getLastModifiedTime(file).compareTo(longAgo) > 0, "a spent retry was not saved");
        assertEquals(2, triesLeftSavedIn(file));

        Files.delete(file);
        loaded.card.save(file);
        assertTrue(Files.exists(file), "a deleted state file was not written again");
        assertEquals(2, triesLeftSavedIn(file));
    }

    private static int triesLeftSavedIn(Path file) throws IOException {
        TestCard saved = new TestCard(SimulatedCard.load(file));
        saved.expect(SELECT, 0x9000);
        return saved.card.transmit(Hex.decode(USER_STATUS))[1] & 0x0F;
    }

    @Test
    void sessionStateIsNotSaved() throws IOException {
        TestCard card = TestCard.initialized();
        card.expect(VERIFY_USER, 0x9000);
        card.expect("00 20 00 88 08 " + DEFAULT_SO_PIN, 0x9000);
        TestCard restored = reload(card);
        restored.expect(SELECT, 0x9000);
        restored.expect(USER_STATUS, 0x63C3);
        restored.expect(SO_STATUS, 0x63CF);
    }

    @Test
    void loadedCardStartsUnselected() throws IOException {
        TestCard restored = reload(TestCard.initialized());
        restored.expect(USER_STATUS, 0x6986);
    }

    @Test
    void freshCardSurvivesAsFresh() throws IOException {
        TestCard restored = reload(new TestCard());
        restored.expect(SELECT, 0x9000);
        restored.expect(SO_STATUS, 0x6A88);
        restored.expect(TestCard.INITIALIZE_TOOL, 0x9000);
    }

    @Test
    void blockedSoPinStaysBlockedAcrossRestarts() throws IOException {
        TestCard card = TestCard.initialized();
        for (int i = 0; i < 15; i++) {
            card.send("00 20 00 88 08 " + WRONG_SO_PIN);
        }
        TestCard restored = reload(card);
        restored.expect(SELECT, 0x9000);
        restored.expect(SO_STATUS, 0x6983);
        restored.expect(TestCard.INITIALIZE_TOOL, 0x6983);
    }

    @Test
    void savingReplacesThePreviousStateAndLeavesNoTemporaryFiles() throws IOException {
        Path file = dir.resolve("card.schsm");
        TestCard card = TestCard.initialized();
        card.card.save(file);
        card.expect(VERIFY_WRONG_USER, 0x63C2);
        card.card.save(file);
        TestCard restored = new TestCard(SimulatedCard.load(file));
        restored.expect(SELECT, 0x9000);
        restored.expect(USER_STATUS, 0x63C2);
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(1, files.count());
        }
    }

    @Test
    void loadOrCreateCreatesAFreshCardWhenThereIsNoFile() throws IOException {
        Path file = dir.resolve("none.schsm");
        TestCard card = new TestCard(SimulatedCard.loadOrCreate(file));
        card.expect(SELECT, 0x9000);
        card.expect(TestCard.INITIALIZE_TOOL, 0x9000);
        card.card.save(file);
        TestCard again = new TestCard(SimulatedCard.loadOrCreate(file));
        again.expect(SELECT, 0x9000);
        again.expect(SO_STATUS, 0x63CF);
    }

    @Test
    void saveCreatesMissingDirectories() throws IOException {
        Path file = dir.resolve("a/b/card.schsm");
        TestCard.initialized().card.save(file);
        assertTrue(Files.size(file) > 16000);
    }

    @Test
    void powerCycleKeepsPersistentStateAndDeselects() {
        TestCard card = TestCard.initialized();
        card.expect(VERIFY_WRONG_USER, 0x63C2);
        card.expect(VERIFY_USER, 0x9000);
        card.card.powerCycle();
        card.expect(USER_STATUS, 0x6986);
        card.expect(SELECT, 0x9000);
        card.expect(USER_STATUS, 0x63C3);
        card.expect(SO_STATUS, 0x63CF);
    }

    @Test
    void removedCardFailsTransmitUntilInserted() {
        TestCard card = TestCard.initialized();
        card.expect(VERIFY_USER, 0x9000);
        card.card.remove();
        assertFalse(card.card.isPresent());
        TransportException e = assertThrows(TransportException.class, () -> card.send(USER_STATUS));
        assertTrue(e.getMessage().contains("card removed"), e.getMessage());
        card.card.insert();
        assertTrue(card.card.isPresent());
        card.expect(USER_STATUS, 0x6986);
        card.expect(SELECT, 0x9000);
        card.expect(USER_STATUS, 0x63C3);
        card.expect(VERIFY_USER, 0x9000);
    }

    @Test
    void insertingAPresentCardChangesNothing() {
        TestCard card = TestCard.initialized();
        card.expect(VERIFY_USER, 0x9000);
        card.card.insert();
        card.expect(USER_STATUS, 0x9000);
    }

    @Test
    void aRemovedCardCanStillBeSaved() throws IOException {
        TestCard card = TestCard.initialized();
        card.card.remove();
        TestCard restored = reload(card);
        restored.expect(SELECT, 0x9000);
        restored.expect(SO_STATUS, 0x63CF);
    }
}
