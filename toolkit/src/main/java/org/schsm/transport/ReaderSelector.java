package org.schsm.transport;

import java.util.List;
import java.util.Locale;

/**
 * Resolves what a user typed after {@code -r} against the reader names PC/SC reports. In order:
 * the exact name; {@code sim} for the in-process simulator; a number, the 0-based index in the
 * list; a case-insensitive fragment that matches exactly one name. No value at all picks the only
 * reader there is.
 *
 * <p>The toolkit does not know the simulator; it only reports that the user asked for it, and the
 * caller (which may depend on the simulator module) opens it.
 */
public final class ReaderSelector {
    public static final String SIMULATOR = "sim";

    /** What the user chose. */
    public sealed interface Selection {
    }

    /** The user asked for the in-process simulator. */
    public record SimulatorRequested() implements Selection {
    }

    /** A PC/SC reader, by its exact name and index in the list it was chosen from. */
    public record PcscReader(int index, String name) implements Selection {
    }

    private ReaderSelector() {
    }

    public static Selection select(String value, List<String> readerNames) {
        String v = value == null ? "" : value.trim();
        if (v.isEmpty()) {
            if (readerNames.size() == 1) {
                return new PcscReader(0, readerNames.get(0));
            }
            throw new UnknownReaderException(readerNames.isEmpty() ? "no reader to choose"
                    : "several readers are connected, choose one with -r", readerNames);
        }
        int exact = readerNames.indexOf(v);
        if (exact >= 0) {
            return new PcscReader(exact, v);
        }
        if (v.equalsIgnoreCase(SIMULATOR)) {
            return new SimulatorRequested();
        }
        if (v.chars().allMatch(Character::isDigit)) {
            return byIndex(v, readerNames);
        }
        String fragment = v.toLowerCase(Locale.ROOT);
        int found = -1;
        for (int i = 0; i < readerNames.size(); i++) {
            if (readerNames.get(i).toLowerCase(Locale.ROOT).contains(fragment)) {
                if (found >= 0) {
                    throw new UnknownReaderException("'" + v + "' matches more than one reader", readerNames);
                }
                found = i;
            }
        }
        if (found < 0) {
            throw new UnknownReaderException("no reader matches '" + v + "'", readerNames);
        }
        return new PcscReader(found, readerNames.get(found));
    }

    private static Selection byIndex(String v, List<String> readerNames) {
        int index;
        try {
            index = Integer.parseInt(v);
        } catch (NumberFormatException e) {
            throw new UnknownReaderException("reader number " + v + " is out of range", readerNames);
        }
        if (index >= readerNames.size()) {
            throw new UnknownReaderException("there is no reader number " + index, readerNames);
        }
        return new PcscReader(index, readerNames.get(index));
    }
}
