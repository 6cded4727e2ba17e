package org.schsm.simulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.schsm.apdu.Hex;
import org.schsm.simulator.holder.HoldStateFile;
import org.schsm.testkit.HsmConstants;
import org.schsm.transport.TransportException;

/** One holder per state file, and every spent try on disk before the comparison it pays for. */
class PersistentCardTest {
    private static final Duration NO_WAIT = Duration.ZERO;
    private static final String NEW_USER_PIN = "31 32 33 34 35 36";

    @TempDir
    Path dir;

    private Path initializedStateFile() throws IOException {
        Path file = dir.resolve("card.state");
        TestCard card = TestCard.initialized();   // user PIN 3 tries, SO-PIN 15, option 0001
        card.card.save(file);
        return file;
    }

    private static String status(SimulatedCard card, String statusQuery) {
        card.powerCycle();
        card.transmit(Hex.decode(HsmConstants.SELECT));
        byte[] r = card.transmit(Hex.decode(statusQuery));
        return Hex.encode(r, r.length - 2, 2);
    }

    private static String statusInFile(Path file, String statusQuery) throws IOException {
        return status(SimulatedCard.load(file), statusQuery);
    }

    private static byte[] send(PersistentCard card, String hex) {
        return card.transmit(Hex.decode(hex));
    }

    /**
     * Power is cut right after the counter write: the comparison's outcome is never known, and
     * the file already holds the spent try even for the right secret, whose command would end
     * with the state it started from (the case the skip-unchanged-writes rule used to let through).
     */
    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "VERIFY user PIN (right),          00 20 00 81 06 36 34 38 32 31 39,                                  00 20 00 81, 63C2",
        "VERIFY SO-PIN (right),            00 20 00 88 08 35 37 36 32 31 38 38 30,                            00 20 00 88, 63CE",
        "CHANGE REFERENCE DATA user (right old), 00 24 00 81 0C 36 34 38 32 31 39 31 32 33 34 35 36,          00 20 00 81, 63C2",
        "CHANGE REFERENCE DATA SO (right old),   00 24 00 88 10 35 37 36 32 31 38 38 30 35 37 36 32 31 38 38 30, 00 20 00 88, 63CE",
        "RESET RETRY COUNTER (right SO-PIN),     00 2C 01 81 08 35 37 36 32 31 38 38 30,                     00 20 00 88, 63CE",
        "INITIALIZE DEVICE again (right SO-PIN), 80 50 00 00 1C 80 02 00 01 81 06 36 34 38 32 31 39 82 08 35 37 36 32 31 38 38 30 91 01 03 92 01 01, 00 20 00 88, 63CE",
    })
    void theSpentTryIsOnDiskBeforeTheSecretIsCompared(String name, String command, String statusQuery, String expected)
            throws IOException {
        Path file = initializedStateFile();
        try (PersistentCard card = PersistentCard.open(file, SimulatedCard::create, NO_WAIT)) {
            send(card, HsmConstants.SELECT);
            card.card().tearAfterWrites(1);  // the decrement goes through, the next write loses power
            TransportException lost = assertThrows(TransportException.class, () -> send(card, command));
            assertTrue(lost.getMessage().contains("lost power"), lost.getMessage());
        }
        assertEquals(expected, statusInFile(file, statusQuery), name + ": the try must be spent on disk");
    }

    @Test
    void aRightPinOnAFullCounterStillWritesTheSpentTryFirstAndThenTheRestoredCounter() throws IOException {
        Path file = initializedStateFile();
        byte[] before = Files.readAllBytes(file);
        try (PersistentCard card = PersistentCard.open(file, SimulatedCard::create, NO_WAIT)) {
            send(card, HsmConstants.SELECT);
            assertEquals("9000", Hex.encode(send(card, TestCard.VERIFY_USER)));
        }
        assertEquals("63C3", statusInFile(file, HsmConstants.USER_STATUS), "right PIN: counter restored on disk");
        assertEquals(before.length, Files.readAllBytes(file).length);
    }

    @Test
    void wrongPinsCostOneTryEachOnDisk() throws IOException {
        Path file = initializedStateFile();
        for (String expected : List.of("63C2", "63C1", "6983")) {
            try (PersistentCard card = PersistentCard.open(file, SimulatedCard::create, NO_WAIT)) {
                send(card, HsmConstants.SELECT);
                assertEquals(expected, Hex.encode(send(card, TestCard.VERIFY_WRONG_USER)));
            }
            assertEquals(expected, statusInFile(file, HsmConstants.USER_STATUS));
        }
    }

    /**
     * A state that cannot be written refuses right and wrong PINs with the same exception and
     * message, and the right one was never compared: the session is not verified.
     */
    @Test
    void aStateThatCannotBeWrittenRefusesRightAndWrongPinAlikeBeforeComparing() throws IOException {
        String right = refusalWhenUnwritable(TestCard.VERIFY_USER);
        String wrong = refusalWhenUnwritable(TestCard.VERIFY_WRONG_USER);
        assertEquals(right, wrong);
        assertTrue(right.contains("cannot record a spent try") && right.contains("before any secret was compared"), right);
    }

    private String refusalWhenUnwritable(String verify) throws IOException {
        Path file = initializedStateFile();
        try (PersistentCard card = PersistentCard.open(file, SimulatedCard::create, NO_WAIT)) {
            send(card, HsmConstants.SELECT);
            // The next save cannot replace the file: a non-empty directory now has its name.
            Files.delete(file);
            Files.createDirectories(file.resolve("in-the-way"));
            StateNotWritableException e = assertThrows(StateNotWritableException.class, () -> send(card, verify));
            byte[] status = send(card, HsmConstants.USER_STATUS);
            assertEquals("63C2", Hex.encode(status), "not verified: the PIN was never compared");
            Files.delete(file.resolve("in-the-way"));
            Files.delete(file);
            return e.getMessage().replace(dir.toString(), "<dir>");
        }
    }

    @Test
    void aReadOnlyImageReadsButRefusesRightAndWrongPinAlike() throws IOException {
        Path file = initializedStateFile();
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("r--r--r--"));
        byte[] image = Files.readAllBytes(file);
        String[] messages = new String[2];
        String[] commands = {TestCard.VERIFY_USER, TestCard.VERIFY_WRONG_USER};
        for (int i = 0; i < 2; i++) {
            try (PersistentCard card = PersistentCard.open(file, SimulatedCard::create, NO_WAIT)) {
                assertTrue(card.readOnly());
                send(card, HsmConstants.SELECT);
                assertEquals("63C3", Hex.encode(send(card, HsmConstants.USER_STATUS)), "reading works");
                String command = commands[i];
                messages[i] = assertThrows(StateNotWritableException.class, () -> send(card, command)).getMessage();
            }
        }
        assertEquals(messages[0], messages[1]);
        assertTrue(messages[0].contains("read-only"), messages[0]);
        assertEquals(Hex.encode(image), Hex.encode(Files.readAllBytes(file)), "the image is untouched");
    }

    @Test
    void aSecondHolderInTheSameProgramIsRefusedAtOnceAndTheFileIsFreeAfterClose() throws IOException {
        Path file = initializedStateFile();
        try (PersistentCard first = PersistentCard.open(file, SimulatedCard::create, NO_WAIT)) {
            long start = System.nanoTime();
            StateFileBusyException busy = assertThrows(StateFileBusyException.class,
                    () -> PersistentCard.open(file, SimulatedCard::create, Duration.ofSeconds(5)));
            long waited = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
            assertTrue(waited < 2000, "waiting for itself is pointless; waited " + waited + " ms");
            assertTrue(busy.heldByThisProcess());
            assertTrue(busy.getMessage().contains("already open in this program"), busy.getMessage());
            assertTrue(busy.getMessage().contains(file.toString()), busy.getMessage());
        }
        PersistentCard.open(file, SimulatedCard::create, NO_WAIT).close();  // released on close
    }

    @Test
    void anotherProgramIsWaitedForUntilTheWaitRunsOut() throws Exception {
        Path file = initializedStateFile();
        Process holder = holder(file);
        try {
            long start = System.nanoTime();
            StateFileBusyException busy = assertThrows(StateFileBusyException.class,
                    () -> PersistentCard.open(file, SimulatedCard::create, Duration.ofMillis(400)));
            long waited = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
            assertTrue(waited >= 400 && waited < 3000, "waited " + waited + " ms");
            assertFalse(busy.heldByThisProcess());
            assertTrue(busy.getMessage().contains("gave up after 0.4 s"), busy.getMessage());
        } finally {
            holder.destroy();
            holder.waitFor(10, TimeUnit.SECONDS);
        }
    }

    /** The holder lines are a hint only: lines naming a process that is gone are never shown as the holder. */
    @Test
    void holderLinesOfAProcessThatIsGoneAreNotTrusted() throws Exception {
        Path file = initializedStateFile();
        Process gone = new ProcessBuilder(javaBinary(), "-version").redirectErrorStream(true).start();
        gone.getInputStream().readAllBytes();
        assertTrue(gone.waitFor(30, TimeUnit.SECONDS));
        Process holder = holder(file);
        try {
            Files.writeString(StateFileLock.lockFileOf(file),
                    "pid=" + gone.pid() + "\ncommand=schsm pin verify\nsince=2026-01-01T00:00:00Z\n");
            StateFileBusyException busy = assertThrows(StateFileBusyException.class,
                    () -> PersistentCard.open(file, SimulatedCard::create, Duration.ofMillis(100)));
            assertFalse(busy.getMessage().contains("pid " + gone.pid()), busy.getMessage());
            assertTrue(busy.getMessage().contains("another process that has not recorded itself yet"), busy.getMessage());
        } finally {
            holder.destroy();
            holder.waitFor(10, TimeUnit.SECONDS);
        }
    }

    /** A holder that lets go while another waits: the waiter gets the card, with its state. */
    @Test
    void aWaiterGetsTheCardWhenTheHolderLetsGo() throws Exception {
        Path file = initializedStateFile();
        Process holder = holder(file);
        Thread killer = new Thread(() -> {
            try {
                Thread.sleep(300);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            holder.destroy();
        });
        killer.start();
        try (PersistentCard card = PersistentCard.open(file, SimulatedCard::create, Duration.ofSeconds(20))) {
            send(card, HsmConstants.SELECT);
            assertEquals("63C3", Hex.encode(send(card, HsmConstants.USER_STATUS)));
        } finally {
            killer.join();
            holder.waitFor(10, TimeUnit.SECONDS);
        }
    }

    private static Process holder(Path file) throws IOException {
        Process holder = new ProcessBuilder(javaBinary(), "-XX:TieredStopAtLevel=1", "-cp",
                System.getProperty("java.class.path"), HoldStateFile.class.getName(), file.toString())
                .redirectErrorStream(true).start();
        BufferedReader out = new BufferedReader(new InputStreamReader(holder.getInputStream(), StandardCharsets.UTF_8));
        assertEquals("held", out.readLine());
        return holder;
    }

    @Test
    void anotherProgramIsNamedAsHolderAndLeavesNoLockWhenKilled() throws Exception {
        Path file = initializedStateFile();
        Process holder = holder(file);
        try {
            StateFileBusyException busy = assertThrows(StateFileBusyException.class,
                    () -> PersistentCard.open(file, SimulatedCard::create, Duration.ofMillis(200)));
            assertTrue(busy.getMessage().contains("pid " + holder.pid() + " (lock test holder)"), busy.getMessage());

            holder.destroyForcibly();  // SIGKILL: no shutdown hook, no cleanup
            assertTrue(holder.waitFor(10, TimeUnit.SECONDS));
            assertTrue(Files.readString(StateFileLock.lockFileOf(file)).contains("pid=" + holder.pid()),
                    "the killed holder's lines are still there, and must not matter");
            try (PersistentCard card = PersistentCard.open(file, SimulatedCard::create, NO_WAIT)) {
                send(card, HsmConstants.SELECT);
                assertEquals("63C3", Hex.encode(send(card, HsmConstants.USER_STATUS)));
                assertFalse(Files.readString(StateFileLock.lockFileOf(file)).contains("pid=" + holder.pid()));
            }
        } finally {
            holder.destroyForcibly();
        }
    }

    private static String javaBinary() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }
}
