package org.schsm.simulator;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import java.util.Optional;
import org.schsm.InvalidInputException;

/**
 * The one holder of a simulated card's state file: an OS file lock ({@link FileChannel#tryLock})
 * on {@code <state file>.lock} next to it, held for as long as a program has the card open, as a
 * PC/SC reader is held in exclusive use. A second program waits a bounded time, then gets a
 * {@link StateFileBusyException} naming the holder.
 *
 * <p>Why a separate lock file: the state file itself is replaced by an atomic rename on every
 * save, so a lock on it would lock an inode that is gone after the first save. The lock file is
 * never deleted (deleting it would let two programs lock two different files of the same name).
 *
 * <p>The holder writes its PID, a description of its command and the time into the lock file
 * once it holds the lock, and empties it when it lets go. Those lines are only a hint for the
 * busy message: the lock itself is the OS's and vanishes with the process (also on SIGKILL), so
 * a holder that was killed leaves lines behind but no lock, and the next program simply takes
 * it. A recorded PID that no longer runs is never reported as the holder.
 *
 * <p>Read-only images: when the lock file cannot be opened for writing (read-only directory or
 * file system) it is opened for reading and locked shared, which still excludes a writer that
 * holds it; when it does not exist and cannot be created, nobody can save a state file in that
 * directory either (saving creates a temporary file next to it), so the card is opened without a
 * lock, read-only.
 */
public final class StateFileLock implements AutoCloseable {
    /** How long a second program waits for the holder by default. */
    public static final Duration DEFAULT_WAIT = Duration.ofSeconds(5);
    /** Environment variable (seconds, decimals allowed) that overrides {@link #DEFAULT_WAIT}. */
    public static final String WAIT_VARIABLE = "SCHSM_SIM_WAIT";
    private static final long FIRST_POLL_MILLIS = 2;
    private static final long MAX_POLL_MILLIS = 50;
    private static final int MAX_HOLDER_BYTES = 512;

    private static volatile String processDescription = defaultDescription();

    private final Path lockFile;
    private final FileChannel channel;
    private final FileLock lock;
    private final boolean writable;

    private StateFileLock(Path lockFile, FileChannel channel, FileLock lock, boolean writable) {
        this.lockFile = lockFile;
        this.channel = channel;
        this.lock = lock;
        this.writable = writable;
    }

    /**
     * Names this process in the lock files it holds, e.g. {@code "schsm pin verify"}. Give only
     * the command's name, never its arguments: a command line can carry a PIN.
     */
    public static void describeProcess(String description) {
        processDescription = description == null || description.isBlank() ? defaultDescription() : description;
    }

    /**
     * The wait configured by {@code SCHSM_SIM_WAIT} (seconds, e.g. {@code 0.5}; {@code 0} = do not
     * wait), else {@link #DEFAULT_WAIT}.
     *
     * @throws InvalidInputException for a value that is not a non-negative number of seconds
     */
    public static Duration configuredWait() {
        String value = System.getenv(WAIT_VARIABLE);
        if (value == null || value.isBlank()) {
            return DEFAULT_WAIT;
        }
        try {
            double seconds = Double.parseDouble(value.trim());
            if (seconds >= 0 && seconds <= 86_400) {
                return Duration.ofNanos((long) (seconds * 1e9));
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new InvalidInputException(WAIT_VARIABLE + " must be a number of seconds from 0 to 86400, not '"
                + value + "'");
    }

    /** {@code <state file>.lock} in the state file's directory. */
    public static Path lockFileOf(Path stateFile) {
        Path absolute = stateFile.toAbsolutePath();
        return absolute.resolveSibling(absolute.getFileName() + ".lock");
    }

    /**
     * Takes the state file for this process, waiting at most {@code wait} for another holder.
     *
     * @throws StateFileBusyException when another program (or another part of this one) still
     *         holds it after {@code wait}
     * @throws IOException when the lock file can be neither opened nor, for a read-only image,
     *         done without
     */
    public static StateFileLock acquire(Path stateFile, Duration wait) throws IOException {
        Path lockFile = lockFileOf(stateFile);
        FileChannel channel;
        boolean writable = true;
        try {
            channel = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.READ,
                    StandardOpenOption.WRITE);
        } catch (FileSystemException e) {
            if (!Files.exists(lockFile)) {
                if (Files.exists(stateFile) && !Files.isWritable(lockFile.getParent())) {
                    return new StateFileLock(lockFile, null, null, false);
                }
                throw e;
            }
            channel = FileChannel.open(lockFile, StandardOpenOption.READ);
            writable = false;
        }
        try {
            FileLock lock = waitForLock(channel, !writable, stateFile, wait);
            StateFileLock held = new StateFileLock(lockFile, channel, lock, writable);
            held.recordHolder();
            return held;
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
    }

    private static FileLock waitForLock(FileChannel channel, boolean shared, Path stateFile, Duration wait)
            throws IOException {
        long deadline = System.nanoTime() + wait.toNanos();
        long pause = FIRST_POLL_MILLIS;
        while (true) {
            try {
                FileLock lock = channel.tryLock(0, Long.MAX_VALUE, shared);
                if (lock != null) {
                    return lock;
                }
            } catch (OverlappingFileLockException e) {
                // This program holds it through another channel (another session of it). Waiting
                // would mostly wait for ourselves: say so at once; the caller can close the other.
                throw new StateFileBusyException(busyMessage(stateFile, channel, true, Duration.ZERO), true);
            }
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                throw new StateFileBusyException(busyMessage(stateFile, channel, false, wait), false);
            }
            try {
                Thread.sleep(Math.max(1, Math.min(pause, left / 1_000_000)));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new StateFileBusyException(busyMessage(stateFile, channel, false, wait), false);
            }
            pause = Math.min(pause * 2, MAX_POLL_MILLIS);
        }
    }

    private static String busyMessage(Path stateFile, FileChannel channel, boolean heldHere, Duration wait) {
        if (heldHere) {
            return "the simulated card (state " + stateFile + ") is already open in this program (pid "
                    + ProcessHandle.current().pid() + ", " + processDescription + "); close that session first";
        }
        String holder = recordedHolder(channel).orElse("another process that has not recorded itself yet");
        return "the simulated card (state " + stateFile + ") is in use by " + holder + "; gave up after "
                + seconds(wait) + " (" + WAIT_VARIABLE + " sets the wait)";
    }

    /** The holder's lines, if they name a process that is still running. */
    private static Optional<String> recordedHolder(FileChannel channel) {
        try {
            ByteBuffer buffer = ByteBuffer.allocate(MAX_HOLDER_BYTES);
            channel.read(buffer, 0);
            String text = new String(buffer.array(), 0, buffer.position(), StandardCharsets.UTF_8);
            return Holder.parse(text).filter(h -> ProcessHandle.of(h.pid()).map(ProcessHandle::isAlive).orElse(false))
                    .map(Holder::describe);
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private void recordHolder() throws IOException {
        if (!writable) {
            return;
        }
        String text = new Holder(ProcessHandle.current().pid(), processDescription,
                Instant.now().truncatedTo(ChronoUnit.SECONDS)).encode();
        channel.truncate(0);
        ByteBuffer buffer = ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8));
        while (buffer.hasRemaining()) {
            channel.write(buffer, buffer.position());
        }
    }

    /** True when this program may write the state file (it holds the lock exclusively). */
    public boolean writable() {
        return writable;
    }

    public Path lockFile() {
        return lockFile;
    }

    /** Lets go: empties the holder lines, releases the lock. Idempotent. */
    @Override
    public void close() throws IOException {
        if (channel == null || !channel.isOpen()) {
            return;
        }
        try {
            if (writable && lock.isValid()) {
                channel.truncate(0);
            }
        } finally {
            channel.close();  // releases the lock
        }
    }

    private static String seconds(Duration d) {
        return String.format(Locale.ROOT, "%.1f s", d.toMillis() / 1000.0);
    }

    private static String defaultDescription() {
        String command = System.getProperty("sun.java.command", "");
        String main = command.isBlank() ? "java" : command.trim().split("\\s+", 2)[0];
        return "java " + main;  // the main class or jar only: the arguments could hold a PIN
    }

    /** The lines a holder leaves in the lock file. */
    record Holder(long pid, String command, Instant since) {
        String encode() {
            return "pid=" + pid + "\ncommand=" + command.replace('\n', ' ') + "\nsince=" + since + "\n";
        }

        String describe() {
            return "pid " + pid + " (" + command + ") since " + since;
        }

        static Optional<Holder> parse(String text) {
            Long pid = null;
            String command = "?";
            Instant since = null;
            for (String line : text.split("\n")) {
                int eq = line.indexOf('=');
                if (eq < 0) {
                    continue;
                }
                String key = line.substring(0, eq);
                String value = line.substring(eq + 1);
                try {
                    switch (key) {
                        case "pid" -> pid = Long.parseLong(value);
                        case "command" -> command = value;
                        case "since" -> since = Instant.parse(value);
                        default -> { }
                    }
                } catch (RuntimeException e) {
                    return Optional.empty();
                }
            }
            return pid == null || since == null ? Optional.empty() : Optional.of(new Holder(pid, command, since));
        }
    }
}
