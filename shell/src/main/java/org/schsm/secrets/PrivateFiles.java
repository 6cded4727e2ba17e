package org.schsm.secrets;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;
import org.schsm.InvalidInputException;

/**
 * Files only their owner may read: the store and its key. They are created with mode 0600 (their
 * directory 0700) from the first byte, never chmod-ed afterwards, and replaced atomically: the new
 * content goes to a temporary file in the same directory, is forced to disk, and is renamed over
 * the old one, so a crash or a full disk leaves either the old file or the new one, never half.
 */
public final class PrivateFiles {
    private static final Set<PosixFilePermission> FILE_MODE = PosixFilePermissions.fromString("rw-------");
    private static final Set<PosixFilePermission> DIR_MODE = PosixFilePermissions.fromString("rwx------");

    private PrivateFiles() {
    }

    static boolean posix(Path file) {
        Path dir = file.toAbsolutePath().getParent();
        return (dir == null ? file : dir).getFileSystem().supportedFileAttributeViews().contains("posix");
    }

    /**
     * Refuses a file that group or others may read or write, or that another user owns: a store
     * others can read loses the protection of its key file; one they can write can be swapped.
     */
    static void checkPrivate(Path file, String what) {
        if (!posix(file)) {
            return;   // no POSIX modes (Windows): the user profile's ACL is what protects the file
        }
        try {
            Set<PosixFilePermission> mode = Files.getPosixFilePermissions(file);
            for (PosixFilePermission p : mode) {
                if (!p.name().startsWith("OWNER_")) {
                    throw new InvalidInputException(what + " " + file + " is open to group or others (mode "
                            + PosixFilePermissions.toString(mode) + "); schsm will not use it. Check who could have read it,"
                            + " then: chmod 600 " + file);
                }
            }
            String owner = Files.getOwner(file).getName();
            String me = System.getProperty("user.name");
            if (me != null && !owner.equals(me)) {
                throw new InvalidInputException(what + " " + file + " belongs to " + owner + ", not to " + me
                        + "; schsm will not use it");
            }
        } catch (IOException e) {
            throw new InvalidInputException("cannot check the permissions of " + what + " " + file + ": " + reason(e));
        }
    }

    /** Writes {@code content} to {@code file} atomically, mode 0600, creating its directory (0700) if needed. */
    static void writeAtomically(Path file, byte[] content) throws IOException {
        Path dir = file.toAbsolutePath().getParent();
        boolean posix = posix(file);
        if (!Files.isDirectory(dir)) {
            if (posix) {
                Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(DIR_MODE));
            } else {
                Files.createDirectories(dir);
            }
        }
        FileAttribute<?>[] attributes = posix
                ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(FILE_MODE)}
                : new FileAttribute<?>[0];
        Path temp = Files.createTempFile(dir, "." + file.getFileName() + ".", ".tmp", attributes);
        try {
            try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE)) {
                ByteBuffer buffer = ByteBuffer.wrap(content);
                while (buffer.hasRemaining()) {
                    channel.write(buffer);
                }
                channel.force(true);
            }
            try {
                Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    /** Why a file could not be read, in words ("no such file", "permission denied"). */
    public static String reason(IOException e) {
        if (e instanceof java.nio.file.NoSuchFileException) {
            return "no such file";
        }
        if (e instanceof java.nio.file.AccessDeniedException) {
            return "permission denied";
        }
        return e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
    }
}
