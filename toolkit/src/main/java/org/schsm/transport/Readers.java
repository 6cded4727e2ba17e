package org.schsm.transport;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.Set;

/**
 * The one registry of every card a user can choose with {@code -r}: the PC/SC readers of the
 * {@link PcscProvider#configured() configured} provider and the pseudo-readers, those a program
 * links and passes to {@link #system(Path, PseudoReader.Factory...)} and those registered with
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
 *
 * <p><b>The class path is searched only when needed.</b> A {@link java.util.ServiceLoader} lookup
 * asks every jar of the class path for its registration file, which opens each jar (19 in the
 * CLI, Bouncy Castle's and Groovy's with thousands of entries among them): 10-20 ms of a start.
 * So the lookup runs once, on first need: when a listing shows every reader, or when a choice
 * could be the id of a pseudo-reader not already given. A choice that cannot be an id (ids are
 * words, so {@code Virtual PCD 00 00} or {@code 0} cannot) never causes it, nor does the id of a
 * pseudo-reader the program linked ({@code sim} in the CLI).
 */
public final class Readers {
    private final ReaderSource pcsc;
    /** Given: linked at {@link #system(Path, PseudoReader.Factory...)} or added with {@link #with}. */
    private final List<PseudoReader> pseudo;
    /** Registered on the class path, looked up on first need and shared by every copy. */
    private final Discovery discovery;

    private Readers(ReaderSource pcsc, List<PseudoReader> pseudo, Discovery discovery) {
        this.pcsc = Objects.requireNonNull(pcsc, "pcsc");
        this.pseudo = List.copyOf(pseudo);
        this.discovery = discovery;
    }

    /**
     * What a program offers its user: PC/SC through the provider {@code SCHSM_PCSC_PROVIDER}
     * chooses, and every pseudo-reader found on the class path (looked up on first need, see the
     * class comment).
     *
     * @param stateFile passed to each {@link PseudoReader.Factory} (the CLI's {@code --sim-state}), or null
     */
    public static Readers system(Path stateFile) {
        return system(stateFile, new PseudoReader.Factory[0]);
    }

    /**
     * As {@link #system(Path)}, with the pseudo-readers of {@code linked} offered first and
     * without a class path lookup: a program that links a pseudo-reader's module (the CLI links
     * the simulator) passes its factory here, so that choosing it never searches the class path.
     * The class path's registration of a factory of the same class is then skipped.
     */
    public static Readers system(Path stateFile, PseudoReader.Factory... linked) {
        // ServiceLoader.load only prepares the lookup; the jars are searched when it is iterated.
        return system(new PcscReaders(PcscProvider.configured()), stateFile,
                ServiceLoader.load(PseudoReader.Factory.class, Readers.class.getClassLoader()), linked);
    }

    /** {@link #system(Path, PseudoReader.Factory...)} from any PC/SC source and class path lookup (tests count lookups). */
    static Readers system(ReaderSource pcsc, Path stateFile, Iterable<PseudoReader.Factory> classPath,
                          PseudoReader.Factory... linked) {
        Readers readers = from(pcsc);
        Set<Class<?>> linkedTypes = new HashSet<>();
        for (PseudoReader.Factory factory : linked) {
            readers = readers.with(factory.create(stateFile));
            linkedTypes.add(factory.getClass());
        }
        return new Readers(pcsc, readers.pseudo, new Discovery(classPath, stateFile, readers.pseudo, linkedTypes));
    }

    /** PC/SC through {@code provider}, no pseudo-readers yet. */
    public static Readers pcsc(PcscProvider provider) {
        return from(new PcscReaders(provider));
    }

    /** Readers from any source, e.g. a fake listing in a test. */
    public static Readers from(ReaderSource source) {
        return new Readers(source, List.of(), Discovery.NONE);
    }

    /**
     * A copy that also offers {@code reader}. Its id must be new and a word (a letter, then
     * letters, digits, '-' or '_'): numbers already choose PC/SC readers.
     */
    public Readers with(PseudoReader reader) {
        checkNewId(reader, pseudo, List.of());
        List<PseudoReader> more = new ArrayList<>(pseudo);
        more.add(reader);
        return new Readers(pcsc, more, discovery);
    }

    private static void checkNewId(PseudoReader reader, List<PseudoReader> given, List<PseudoReader> found) {
        String id = reader.id();
        if (!isId(id)) {
            throw new IllegalArgumentException("pseudo-reader id '" + id + "' must be a word starting with a letter");
        }
        for (List<PseudoReader> registered : List.of(given, found)) {
            for (PseudoReader p : registered) {
                if (p.id().equalsIgnoreCase(id)) {
                    throw new IllegalArgumentException("a pseudo-reader with id '" + id + "' is already registered");
                }
            }
        }
    }

    /** Every pseudo-reader: the given ones, then those registered on the class path (this looks them up). */
    private List<PseudoReader> allPseudo() {
        List<PseudoReader> found = discovery.readers();
        if (found.isEmpty()) {
            return pseudo;
        }
        List<PseudoReader> all = new ArrayList<>(pseudo);
        for (PseudoReader r : found) {
            // A reader added with `with` after the registry was made may have taken the id; it wins, as given.
            if (pseudo.stream().noneMatch(p -> p.id().equalsIgnoreCase(r.id()))) {
                all.add(r);
            }
        }
        return all;
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
        return withPseudo(listPcsc(withAtr), allPseudo());
    }

    /**
     * The PC/SC readers alone, an unreachable service reported as in {@link #list(boolean)}: for
     * callers that choose among PC/SC readers only (no {@code -r}, a reader set), which then cause
     * no class path lookup.
     */
    public ReaderListing listPcsc(boolean withAtr) {
        try {
            return new ReaderListing(pcsc.list(withAtr), Optional.empty());
        } catch (PcscUnavailableException e) {
            return new ReaderListing(List.of(), Optional.of(e.getMessage()));
        }
    }

    private static ReaderListing withPseudo(ReaderListing pcscListing, List<PseudoReader> pseudoReaders) {
        List<ReaderInfo> all = new ArrayList<>(pcscListing.readers());
        pseudoReaders.forEach(p -> all.add(ReaderInfo.of(p)));
        return new ReaderListing(all, pcscListing.pcscProblem());
    }

    /**
     * Tells the registry early that {@code wanted} will be opened, so that PC/SC can start loading
     * on a background thread while the program does other work (the CLI calls it before building
     * its command model). Does nothing when {@code wanted} names a pseudo-reader given to this
     * registry; never searches the class path; results never depend on it.
     */
    public void prepare(String wanted) {
        if (wanted == null) {
            return;
        }
        String base = idOf(wanted.trim());
        for (PseudoReader p : pseudo) {
            if (p.id().equalsIgnoreCase(base)) {
                return;
            }
        }
        pcsc.prepare();
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
        // Chosen among the PC/SC readers and the given pseudo-readers: a class path pseudo-reader
        // could only match by its id, which pseudoChoice has already looked for.
        ReaderListing pcscListing = listPcsc(false);
        try {
            return choose(wanted, withPseudo(pcscListing, pseudo).readers());
        } catch (UnknownReaderException e) {
            // The message names every candidate, the class path's pseudo-readers too.
            UnknownReaderException named = e;
            try {
                return choose(wanted, withPseudo(pcscListing, allPseudo()).readers());
            } catch (UnknownReaderException full) {
                named = full;
            }
            if (pcscListing.pcscProblem().isPresent()) {
                throw new PcscUnavailableException(pcscListing.pcscProblem().get(), named);
            }
            throw named;
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
        String base = idOf(id);
        String argument = base.length() == id.length() ? null : id.substring(base.length() + 1);
        return findPseudo(base)
                .orElseThrow(() -> UnknownReaderException.among("no reader '" + id + "' is registered", list(false).readers()))
                .open(argument);
    }

    private Optional<ReaderInfo> pseudoChoice(String wanted) {
        if (wanted == null) {
            return Optional.empty();
        }
        String v = wanted.trim();
        String base = idOf(v);
        return findPseudo(base).map(r -> base.length() == v.length() ? ReaderInfo.of(r) : ReaderInfo.of(r, v.substring(base.length() + 1)));
    }

    /**
     * A word: an ASCII letter, then ASCII letters, digits, '-' or '_'. Checked by hand rather than
     * with a regular expression: java.util.regex uses lambdas, and the CLI checks ids first thing
     * in {@code main}, where the first lambda of the process starts the invokedynamic machinery.
     */
    static boolean isId(String s) {
        if (s == null || s.isEmpty() || !isAsciiLetter(s.charAt(0))) {
            return false;
        }
        for (int i = 1; i < s.length(); i++) {
            char c = s.charAt(i);
            if (!isAsciiLetter(c) && (c < '0' || c > '9') && c != '-' && c != '_') {
                return false;
            }
        }
        return true;
    }

    private static boolean isAsciiLetter(char c) {
        return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
    }

    /** The pseudo-reader id part of a choice: what comes before {@code :ARGUMENT}, or all of it. */
    private static String idOf(String choice) {
        int colon = choice.indexOf(':');
        return colon < 0 ? choice : choice.substring(0, colon);
    }

    /** The pseudo-reader with id {@code base}: a given one, else one from the class path, looked up only if {@code base} can be an id. */
    private Optional<PseudoReader> findPseudo(String base) {
        for (PseudoReader r : pseudo) {
            if (r.id().equalsIgnoreCase(base)) {
                return Optional.of(r);
            }
        }
        if (!isId(base)) {
            return Optional.empty();
        }
        return allPseudo().stream().filter(r -> r.id().equalsIgnoreCase(base)).findFirst();
    }

    /**
     * The class path's pseudo-readers, looked up once by the first caller that needs them. No
     * lambdas here: the CLI makes a registry first thing in {@code main} ({@link #prepare}), where
     * the first lambda of the process would cost the start of the whole invokedynamic machinery.
     */
    private static final class Discovery {
        static final Discovery NONE = new Discovery(List.of(), null, List.of(), Set.of());

        private final Iterable<PseudoReader.Factory> classPath;
        private final Path stateFile;
        private final List<PseudoReader> given;
        private final Set<Class<?>> linkedTypes;
        private List<PseudoReader> found;

        Discovery(Iterable<PseudoReader.Factory> classPath, Path stateFile, List<PseudoReader> given, Set<Class<?>> linkedTypes) {
            this.classPath = classPath;
            this.stateFile = stateFile;
            this.given = given;
            this.linkedTypes = linkedTypes;
        }

        synchronized List<PseudoReader> readers() {
            if (found == null) {
                List<PseudoReader> more = new ArrayList<>();
                for (PseudoReader.Factory factory : classPath) {
                    if (!linkedTypes.contains(factory.getClass())) {
                        PseudoReader reader = factory.create(stateFile);
                        checkNewId(reader, given, more);
                        more.add(reader);
                    }
                }
                found = List.copyOf(more);
            }
            return found;
        }
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
