package org.schsm.transport;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.ServiceLoader;

/**
 * The one registry of every card a user can choose with {@code -r}: the PC/SC readers of the
 * {@link PcscProvider#configured() configured} provider and the pseudo-readers registered with
 * {@link java.util.ServiceLoader} (the simulator module registers {@code sim}, {@code sim:fresh},
 * {@code sim:FILE}). The CLI, the conformance runner, the Groovy shell and {@code schsm readers}
 * all resolve and open cards here. Immutable; {@link #with} gives a copy with one more
 * pseudo-reader.
 *
 * <p>What {@code -r} accepts, tried in order: the id of a pseudo-reader, alone or as
 * {@code id:ARGUMENT} (case ignored; PC/SC is not touched for it, so {@code -r sim} works and
 * starts fast without pcscd); the exact name of a PC/SC reader; a number, the 0-based index of a
 * PC/SC reader; a case-insensitive fragment of exactly one PC/SC reader name. Fragments do not
 * reach pseudo-readers, whose descriptions are prose ("simulated SmartCard-HSM") that would make
 * fragments such as {@code hsm} ambiguous for no gain.
 */
public final class Readers {
    private final ReaderSource pcsc;
    private final List<PseudoReader> pseudo;

    private Readers(ReaderSource pcsc, List<PseudoReader> pseudo) {
        this.pcsc = Objects.requireNonNull(pcsc, "pcsc");
        this.pseudo = List.copyOf(pseudo);
    }

    /**
     * What a program offers its user: PC/SC through the provider {@code SCHSM_PCSC_PROVIDER}
     * chooses, and every pseudo-reader found on the class path.
     *
     * @param stateFile passed to each {@link PseudoReader.Factory} (the CLI's {@code --sim-state}), or null
     */
    public static Readers system(Path stateFile) {
        Readers readers = pcsc(PcscProvider.configured());
        for (PseudoReader.Factory factory : ServiceLoader.load(PseudoReader.Factory.class, Readers.class.getClassLoader())) {
            readers = readers.with(factory.create(stateFile));
        }
        return readers;
    }

    /** PC/SC through {@code provider}, no pseudo-readers yet. */
    public static Readers pcsc(PcscProvider provider) {
        return new Readers(new PcscReaders(provider), List.of());
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

    /** The PC/SC side alone, for a diagnosis that needs its failures as they are. */
    public ReaderSource pcscSource() {
        return pcsc;
    }

    /** As {@link #list(boolean)} with every card's ATR. */
    public ReaderListing list() {
        return list(true);
    }

    /**
     * PC/SC readers first, then pseudo-readers. An unreachable PC/SC service is reported in the
     * listing rather than thrown, so the pseudo-readers can still be shown and chosen.
     */
    public ReaderListing list(boolean withAtr) {
        List<ReaderInfo> all = new ArrayList<>();
        Optional<String> problem = Optional.empty();
        try {
            all.addAll(pcsc.list(withAtr));
        } catch (PcscUnavailableException e) {
            problem = Optional.of(e.getMessage());
        }
        pseudo.forEach(p -> all.add(ReaderInfo.of(p)));
        return new ReaderListing(all, problem);
    }

    /** True when {@code wanted} chooses a pseudo-reader ({@code sim}, {@code sim:fresh}): no PC/SC needed. */
    public boolean isPseudoReader(String wanted) {
        return pseudoChoice(wanted).isPresent();
    }

    /**
     * The reader {@code wanted} names (see the class comment). No value picks the one PC/SC
     * reader that holds a card. When PC/SC is unreachable and {@code wanted} names no
     * pseudo-reader, that failure is what is reported: "pcscd is not running" helps more than
     * "no reader matches".
     *
     * @throws UnknownReaderException naming every candidate and its id
     * @throws PcscUnavailableException when the choice needed PC/SC and it cannot be reached
     */
    public ReaderInfo resolve(String wanted) {
        Optional<ReaderInfo> p = pseudoChoice(wanted);
        if (p.isPresent()) {
            return p.get();
        }
        ReaderListing listing = list(false);
        try {
            return choose(wanted, listing.readers());
        } catch (UnknownReaderException e) {
            if (listing.pcscProblem().isPresent()) {
                throw new PcscUnavailableException(listing.pcscProblem().get(), e);
            }
            throw e;
        }
    }

    /** Opens the reader {@code wanted} names ({@link #resolve}); the caller closes it. */
    public CardTransport open(String wanted) {
        return open(resolve(wanted));
    }

    /** Opens a reader this registry resolved or listed; the caller closes it. */
    public CardTransport open(ReaderInfo chosen) {
        if (chosen.isPcsc()) {
            return pcsc.open(chosen.name());
        }
        String id = chosen.id();
        int colon = id.indexOf(':');
        String base = colon < 0 ? id : id.substring(0, colon);
        String argument = colon < 0 ? null : id.substring(colon + 1);
        return pseudo.stream().filter(r -> r.id().equalsIgnoreCase(base)).findFirst()
                .orElseThrow(() -> UnknownReaderException.among("no reader '" + id + "' is registered", list(false).readers()))
                .open(argument);
    }

    private Optional<ReaderInfo> pseudoChoice(String wanted) {
        if (wanted == null) {
            return Optional.empty();
        }
        String v = wanted.trim();
        int colon = v.indexOf(':');
        String base = colon < 0 ? v : v.substring(0, colon);
        for (PseudoReader r : pseudo) {
            if (r.id().equalsIgnoreCase(base)) {
                return Optional.of(colon < 0 ? ReaderInfo.of(r) : ReaderInfo.of(r, v.substring(colon + 1)));
            }
        }
        return Optional.empty();
    }

    /**
     * Chooses among readers already listed (pseudo-readers as {@link ReaderInfo#of}): the exact
     * name of a PC/SC reader, the id of a pseudo-reader, a PC/SC index, a unique fragment of a
     * PC/SC name; no value picks the one PC/SC reader that holds a card.
     *
     * @throws UnknownReaderException naming every candidate and its id
     */
    public static ReaderInfo choose(String value, List<ReaderInfo> readers) {
        String v = value == null ? "" : value.trim();
        List<ReaderInfo> pcscReaders = readers.stream().filter(ReaderInfo::isPcsc).toList();
        if (v.isEmpty()) {
            List<ReaderInfo> withCard = pcscReaders.stream().filter(ReaderInfo::cardPresent).toList();
            if (withCard.size() == 1) {
                return withCard.get(0);
            }
            throw UnknownReaderException.among(withCard.isEmpty() ? "no PC/SC reader holds a card, choose one with -r"
                    : "cards are present in " + withCard.size() + " readers, choose one with -r", readers);
        }
        for (ReaderInfo r : pcscReaders) {
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
            String index = v.replaceFirst("^0+(?=.)", "");
            return pcscReaders.stream().filter(r -> r.id().equals(index)).findFirst()
                    .orElseThrow(() -> UnknownReaderException.among("there is no reader number " + v, readers));
        }
        String fragment = v.toLowerCase(Locale.ROOT);
        List<ReaderInfo> matches = pcscReaders.stream()
                .filter(r -> r.name().toLowerCase(Locale.ROOT).contains(fragment)).toList();
        if (matches.size() == 1) {
            return matches.get(0);
        }
        if (matches.isEmpty()) {
            throw UnknownReaderException.among("no reader matches '" + v + "'", readers);
        }
        throw UnknownReaderException.among("'" + v + "' matches more than one reader", matches);
    }
}
