package org.schsm.hsm.cvc;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.schsm.apdu.Hex;

/**
 * Device certificate chains whose signatures verified before, remembered in a file so that a
 * command that shows the device's identity on every run ({@code schsm status}) checks each chain
 * once, not on every start: the two ECDSA verifications on brainpoolP256r1 were the largest single
 * cost of that command (docs/performance.md, "Start-up").
 *
 * <p>An entry is the exact content of EF 2F02 with the public point of the trust anchor it was
 * verified against. A signature check is a function of those bytes alone, so the same bytes give
 * the same result: an entry stands for the checks, not for the verdict, which is still worked out
 * from the current roots. Only chains whose every signature verified are remembered; a broken one
 * is checked again each time. The file can be deleted at any time. Whoever can write it can also
 * replace schsm itself, so it lives with the user's other files ({@code $XDG_CACHE_HOME/schsm}).
 *
 * <p>Neither reading nor writing the file can fail a command: an unreadable file remembers
 * nothing, a failed write only means the next run checks the signatures again.
 */
public final class VerifiedChains {
    /** Past this size the file starts over rather than grow without end (about 500 devices). */
    static final long MAX_BYTES = 1 << 20;

    private static final VerifiedChains NONE = new VerifiedChains(null);

    private final Path file;
    private Set<String> entries;

    private VerifiedChains(Path file) {
        this.file = file;
    }

    /** Remembers nothing: every signature is checked. */
    public static VerifiedChains none() {
        return NONE;
    }

    /** Remembered in {@code file}, created with its directory when the first chain verifies. */
    public static VerifiedChains in(Path file) {
        return new VerifiedChains(file);
    }

    /** True when {@code efCDevAut} verified against {@code anchorPoint} before. */
    synchronized boolean contains(byte[] efCDevAut, byte[] anchorPoint) {
        return file != null && loaded().contains(entry(efCDevAut, anchorPoint));
    }

    /** Notes that every signature of {@code efCDevAut} verified against {@code anchorPoint}. */
    synchronized void remember(byte[] efCDevAut, byte[] anchorPoint) {
        if (file == null) {
            return;
        }
        String entry = entry(efCDevAut, anchorPoint);
        if (!loaded().add(entry)) {
            return;
        }
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            boolean full = Files.exists(file) && Files.size(file) > MAX_BYTES;
            // One write of one line with O_APPEND: two processes adding at once do not interleave.
            Files.write(file, (entry + "\n").getBytes(StandardCharsets.US_ASCII), StandardOpenOption.CREATE,
                    full ? StandardOpenOption.TRUNCATE_EXISTING : StandardOpenOption.APPEND, StandardOpenOption.WRITE);
        } catch (IOException | SecurityException e) {
            // A read-only or full disk: the next run checks the signatures again (class comment).
        }
    }

    private Set<String> loaded() {
        if (entries == null) {
            entries = new HashSet<>();
            try {
                List<String> lines = Files.readAllLines(file, StandardCharsets.US_ASCII);
                entries.addAll(lines);
            } catch (NoSuchFileException e) {
                // nothing verified yet
            } catch (IOException | SecurityException e) {
                // unreadable: remembers nothing (class comment)
            }
        }
        return entries;
    }

    private static String entry(byte[] efCDevAut, byte[] anchorPoint) {
        return Hex.encode(efCDevAut) + " " + Hex.encode(anchorPoint);
    }
}
