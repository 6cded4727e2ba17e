package org.schsm.simulator;

import java.io.IOException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.time.Duration;
import java.util.Objects;
import java.util.function.Supplier;
import javacard.framework.ISOException;
import org.schsm.apdu.Instruction;
import org.schsm.transport.TransportException;

/**
 * A simulated card bound to its state file, the way a chip is bound to its EEPROM: the one owner
 * of that file for as long as it is open. Every program that opens a state file (the command line,
 * the shell, the script and conformance runners, {@code schsm sim serve}) goes through here.
 *
 * <ul>
 *   <li><b>One holder.</b> Opening takes {@link StateFileLock} first and only then reads the file,
 *       so nobody works on a copy that another program is changing.</li>
 *   <li><b>No free tries.</b> When the applet lowers a retry counter (VERIFY, CHANGE REFERENCE
 *       DATA, RESET RETRY COUNTER, re-INITIALIZE, and any later command that checks a secret
 *       through the same PIN record), the whole state is written to disk right then, inside the
 *       command and before the comparison, whether or not the state at the end of the command
 *       differs from the one before. If that write fails (read-only image, disk full, I/O error)
 *       the command ends there with status word 6581 (memory failure) and {@link #transmit}
 *       throws {@link StateNotWritableException}: the same answer for a right and a wrong
 *       secret, because nothing was compared.</li>
 *   <li>{@link #transmit} saves after every command that may change the state
 *       ({@link Instruction#mayChangeState}), before returning the answer.</li>
 * </ul>
 *
 * Read-only images (the state file's mode has no write permission, or the directory cannot take
 * a lock file) open fine: reading commands work, commands that would change the state fail.
 * Not thread-safe beyond what {@link SimulatedCard} gives; one program, one holder.
 */
public final class PersistentCard implements AutoCloseable {
    /** ISO 7816-4 "memory failure": what a card answers when its EEPROM write fails. */
    public static final short SW_MEMORY_FAILURE = 0x6581;

    private final SimulatedCard card;
    private final Path stateFile;
    private final StateFileLock lock;
    private final boolean readOnly;
    /** Why the last pre-comparison write failed; set inside the applet's command by the hook. */
    private IOException preWriteFailure;
    private boolean closed;

    private PersistentCard(SimulatedCard card, Path stateFile, StateFileLock lock, boolean readOnly) {
        this.card = card;
        this.stateFile = stateFile;
        this.lock = lock;
        this.readOnly = readOnly;
    }

    /** {@link #open(Path, Supplier, Duration)} with {@link StateFileLock#configuredWait()}. */
    public static PersistentCard open(Path stateFile, Supplier<SimulatedCard> fresh) throws IOException {
        return open(stateFile, fresh, StateFileLock.configuredWait());
    }

    /**
     * Takes {@code stateFile} for this program (waiting at most {@code wait} for another holder),
     * then loads the card from it, or, when the file does not exist yet, takes {@code fresh}'s
     * card and saves it at once.
     *
     * @throws StateFileBusyException another program holds the file
     * @throws IOException            the file or its lock cannot be read, or a new file written
     */
    public static PersistentCard open(Path stateFile, Supplier<SimulatedCard> fresh, Duration wait) throws IOException {
        Objects.requireNonNull(fresh, "fresh");
        Path absolute = stateFile.toAbsolutePath();
        if (!Files.isDirectory(absolute.getParent())) {
            Files.createDirectories(absolute.getParent());
        }
        StateFileLock lock = StateFileLock.acquire(stateFile, wait);
        try {
            boolean exists = Files.exists(stateFile);
            SimulatedCard card = exists ? SimulatedCard.load(stateFile) : fresh.get();
            boolean readOnly = !lock.writable() || exists && !mayWrite(stateFile);
            PersistentCard persistent = new PersistentCard(card, stateFile, lock, readOnly);
            if (!exists) {
                persistent.save();
            }
            card.onTrySpent(persistent::trySpent);
            return persistent;
        } catch (IOException | RuntimeException e) {
            lock.close();
            throw e;
        }
    }

    /**
     * Whether this program may replace the file. Its mode counts even for root, who could write
     * it anyway: a state file made read-only is meant as a read-only image (a copied card, a
     * reference state for a test suite).
     */
    private static boolean mayWrite(Path stateFile) throws IOException {
        if (!Files.isWritable(stateFile) || !Files.isWritable(stateFile.toAbsolutePath().getParent())) {
            return false;
        }
        PosixFileAttributeView posix = Files.getFileAttributeView(stateFile, PosixFileAttributeView.class);
        return posix == null || posix.readAttributes().permissions().contains(PosixFilePermission.OWNER_WRITE);
    }

    /** The hook: runs inside the applet's command, after the counter went down, before the comparison. */
    private void trySpent() {
        try {
            save();
        } catch (IOException e) {
            preWriteFailure = e;
            ISOException.throwIt(SW_MEMORY_FAILURE);
        }
    }

    /**
     * Sends one APDU; when it may change the state, saves the state before returning the answer.
     *
     * @throws StateNotWritableException the command would have compared a secret but the spent
     *         try could not be written first; nothing was compared
     * @throws TransportException        the card answered but the new state could not be saved,
     *                                   or the card is closed or removed
     */
    public synchronized byte[] transmit(byte[] command) {
        if (closed) {
            throw new TransportException("the simulated card (state " + stateFile + ") is closed");
        }
        preWriteFailure = null;
        byte[] response = card.transmit(command);
        if (preWriteFailure != null) {
            IOException failure = preWriteFailure;
            preWriteFailure = null;
            throw new StateNotWritableException("the simulated card's state file " + stateFile
                    + " cannot record a spent try (" + reason(failure) + "); the command was refused"
                    + " before any secret was compared", failure);
        }
        if (Instruction.mayChangeState(command)) {
            try {
                save();
            } catch (IOException e) {
                throw new TransportException("the simulated card answered but its state could not be saved to "
                        + stateFile + ": " + e.getMessage(), e);
            }
        }
        return response;
    }

    /**
     * Writes the state when it changed since the last write (see {@link SimulatedCard#save}).
     *
     * @throws IOException for a read-only image, or when writing fails
     */
    public synchronized void save() throws IOException {
        if (readOnly) {
            if (card.differsFrom(stateFile)) {
                throw new IOException("the state file is read-only");
            }
            return;
        }
        card.save(stateFile);
    }

    /** The cause without temporary file names, so that the message is the same on every attempt. */
    private static String reason(IOException e) {
        if (e instanceof FileSystemException f && f.getReason() != null) {
            return f.getReason();
        }
        return e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
    }

    public SimulatedCard card() {
        return card;
    }

    public Path stateFile() {
        return stateFile;
    }

    /** True for a read-only image: reading works, nothing can be written. */
    public boolean readOnly() {
        return readOnly;
    }

    /** Releases the state file (the card is not saved here: {@link #transmit} already did). Idempotent. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        card.onTrySpent(null);
        try {
            lock.close();
        } catch (IOException e) {
            throw new TransportException("could not release the simulated card's lock file " + lock.lockFile()
                    + ": " + e.getMessage(), e);
        }
    }
}
