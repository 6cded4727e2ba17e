package org.schsm.transport;

import java.util.List;
import java.util.Locale;

/**
 * Resolves what a user typed after {@code -r}. Two forms:
 * <ul>
 * <li>{@link #resolve} against a {@link ReaderListing}'s readers, pseudo-readers included: the
 *     choice is a {@link ReaderInfo} that {@link Readers#open} connects to. This is the form to
 *     use; the simulator is just a registered {@link PseudoReader}.</li>
 * <li>{@link #select} against bare PC/SC names, with {@code sim} hard-wired: it only reports
 *     that the user asked for the simulator, and the caller opens it. Kept for callers written
 *     before pseudo-readers existed.</li>
 * </ul>
 * Both try, in order: the exact name; the simulator's id; a number, the 0-based index of a PC/SC
 * reader; a case-insensitive fragment that matches exactly one PC/SC reader name.
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

    /** No value at all picks the only reader there is. */
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

    /**
     * Resolves {@code value} against a listing that may include pseudo-readers, in order: the
     * exact name of a reader; the id of a pseudo-reader ({@code sim}, case ignored); a number,
     * the index of a PC/SC reader; a case-insensitive fragment of exactly one PC/SC reader name.
     * Fragments do not reach pseudo-readers, whose descriptions are prose ("simulated
     * SmartCard-HSM") that would make fragments such as {@code hsm} ambiguous for no gain.
     * No value picks the one PC/SC reader that holds a card.
     *
     * @throws UnknownReaderException naming every candidate and its id
     */
    public static ReaderInfo resolve(String value, List<ReaderInfo> readers) {
        String v = value == null ? "" : value.trim();
        List<ReaderInfo> pcsc = readers.stream().filter(ReaderInfo::isPcsc).toList();
        if (v.isEmpty()) {
            List<ReaderInfo> withCard = pcsc.stream().filter(ReaderInfo::cardPresent).toList();
            if (withCard.size() == 1) {
                return withCard.get(0);
            }
            throw UnknownReaderException.among(withCard.isEmpty() ? "no PC/SC reader holds a card, choose one with -r"
                    : "cards are present in " + withCard.size() + " readers, choose one with -r", readers);
        }
        for (ReaderInfo r : pcsc) {
            if (r.name().equals(v)) {
                return r;
            }
        }
        for (ReaderInfo r : readers) {
            if (!r.isPcsc() && r.id().equalsIgnoreCase(v)) {
                return r;
            }
        }
        if (v.chars().allMatch(Character::isDigit)) {
            return pcsc.stream().filter(r -> r.id().equals(stripLeadingZeros(v))).findFirst()
                    .orElseThrow(() -> UnknownReaderException.among("there is no reader number " + v, readers));
        }
        String fragment = v.toLowerCase(Locale.ROOT);
        List<ReaderInfo> matches = pcsc.stream()
                .filter(r -> r.name().toLowerCase(Locale.ROOT).contains(fragment)).toList();
        if (matches.size() == 1) {
            return matches.get(0);
        }
        if (matches.isEmpty()) {
            throw UnknownReaderException.among("no reader matches '" + v + "'", readers);
        }
        throw UnknownReaderException.among("'" + v + "' matches more than one reader", matches);
    }

    private static String stripLeadingZeros(String digits) {
        return digits.replaceFirst("^0+(?=.)", "");
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
