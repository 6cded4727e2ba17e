package org.schsm.transport;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Every reader a user can choose with {@code -r}: the PC/SC readers and the pseudo-readers the
 * application registered (the shell registers the embedded simulator as {@code sim}). Immutable;
 * {@link #with} gives a copy with one more pseudo-reader.
 */
public final class Readers {
    private final ReaderSource pcsc;
    private final List<PseudoReader> pseudo;

    private Readers(ReaderSource pcsc, List<PseudoReader> pseudo) {
        this.pcsc = Objects.requireNonNull(pcsc, "pcsc");
        this.pseudo = List.copyOf(pseudo);
    }

    /** PC/SC through {@code provider}, no pseudo-readers yet. */
    public static Readers pcsc(PcscProvider provider) {
        return new Readers(PcscReaders.source(provider), List.of());
    }

    /** Readers from any source, e.g. a fake listing in a test. */
    public static Readers from(ReaderSource source) {
        return new Readers(source, List.of());
    }

    /**
     * A copy that also offers {@code reader}. Its id must be new and a word (a letter, then
     * letters, digits, '-' or '_'): numbers already choose PC/SC readers.
     */
    public Readers with(PseudoReader reader) {
        String id = reader.id();
        if (id == null || !id.matches("[A-Za-z][A-Za-z0-9_-]*")) {
            throw new IllegalArgumentException("pseudo-reader id '" + id + "' must be a word starting with a letter");
        }
        if (pseudo.stream().anyMatch(p -> p.id().equalsIgnoreCase(id))) {
            throw new IllegalArgumentException("a pseudo-reader with id '" + id + "' is already registered");
        }
        List<PseudoReader> more = new ArrayList<>(pseudo);
        more.add(reader);
        return new Readers(pcsc, more);
    }

    /**
     * PC/SC readers first, then pseudo-readers. An unreachable PC/SC service is reported in the
     * listing rather than thrown, so the pseudo-readers can still be shown and chosen.
     */
    public ReaderListing list() {
        List<ReaderInfo> all = new ArrayList<>();
        Optional<String> problem = Optional.empty();
        try {
            all.addAll(pcsc.list());
        } catch (PcscUnavailableException e) {
            problem = Optional.of(e.getMessage());
        }
        pseudo.forEach(p -> all.add(ReaderInfo.of(p)));
        return new ReaderListing(all, problem);
    }

    /**
     * Opens the reader {@code wanted} names (see {@link ReaderSelector#resolve}). When PC/SC is
     * unreachable and {@code wanted} is no pseudo-reader, that failure is what is reported:
     * "pcscd is not running" helps more than "no reader matches".
     */
    public CardTransport open(String wanted) {
        ReaderListing listing = list();
        ReaderInfo chosen;
        try {
            chosen = ReaderSelector.resolve(wanted, listing.readers());
        } catch (UnknownReaderException e) {
            if (listing.pcscProblem().isPresent()) {
                throw new PcscUnavailableException(listing.pcscProblem().get(), e);
            }
            throw e;
        }
        if (chosen.isPcsc()) {
            return pcsc.open(chosen.name());
        }
        return pseudo.stream().filter(p -> p.id().equals(chosen.id())).findFirst().orElseThrow().open();
    }
}
