package org.schsm.session;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.schsm.InvalidInputException;
import org.schsm.hsm.SmartCardHsm;
import org.schsm.transport.CardTransport;
import org.schsm.transport.PcscUnavailableException;
import org.schsm.transport.ReaderInfo;
import org.schsm.transport.ReaderListing;
import org.schsm.transport.Readers;
import org.schsm.transport.Transports;
import org.schsm.transport.UnknownReaderException;

/**
 * What {@code -r} can say beyond one reader of the registry ({@link Readers}): a device by the
 * serial of its device certificate, and sets of devices for the commands that run over many.
 * <ul>
 *   <li>{@code serial:SERIAL}: the SmartCard-HSM whose device certificate (EF 2F02) carries that
 *       serial, wherever it is plugged in (every card in a PC/SC reader is asked);</li>
 *   <li>{@code all}: every PC/SC reader (an empty one becomes a row with its error);</li>
 *   <li>a glob ({@code *}, {@code ?}): the PC/SC readers whose names match, case ignored;</li>
 *   <li>a comma-separated list of any of these, or of single readers ({@code sim:a.state,sim:b.state}).</li>
 * </ul>
 * Every SmartCard-HSM calls itself "SmartCard-HSM", so the serial is what tells two apart.
 */
public final class ReaderSet {
    public static final String ALL = "all";
    public static final String SERIAL = "serial:";

    private ReaderSet() {
    }

    /** True when {@code spec} names a set of readers rather than one: {@code all}, a glob or a list. */
    public static boolean isSet(String spec) {
        if (spec == null) {
            return false;
        }
        String v = spec.trim();
        return v.equalsIgnoreCase(ALL) || v.contains(",") || v.contains("*") || v.contains("?");
    }

    /**
     * The one reader {@code spec} names: {@code serial:SERIAL} or anything the registry resolves.
     *
     * @throws InvalidInputException when {@code spec} names a set
     */
    public static ReaderInfo resolveOne(Readers readers, String spec) {
        if (isSet(spec)) {
            throw new InvalidInputException("'" + spec.trim() + "' names a set of readers; this command talks to one card"
                    + " (reader sets work with status, inspect, doctor, pin status, keys, init, key generate,"
                    + " dkek import and test)");
        }
        if (isSerial(spec)) {
            List<ReaderInfo> found = bySerial(readers, spec.trim().substring(SERIAL.length()));
            if (found.size() > 1) {
                throw UnknownReaderException.among("serial " + spec.trim().substring(SERIAL.length())
                        + " is in more than one reader", found);
            }
            return found.get(0);
        }
        return readers.resolve(spec);
    }

    /** The devices {@code spec} names, in registry order within each element, each once. */
    public static List<ReaderInfo> resolve(Readers readers, String spec) {
        Set<ReaderInfo> out = new LinkedHashSet<>();
        for (String element : spec.split(",")) {
            String e = element.trim();
            if (e.isEmpty()) {
                continue;
            }
            if (e.equalsIgnoreCase(ALL)) {
                out.addAll(pcscReaders(readers));
            } else if (e.contains("*") || e.contains("?")) {
                Pattern glob = glob(e);
                List<ReaderInfo> matches = pcscReaders(readers).stream().filter(r -> glob.matcher(r.name()).matches()).toList();
                if (matches.isEmpty()) {
                    throw UnknownReaderException.among("no reader matches '" + e + "'", readers.list(false).readers());
                }
                out.addAll(matches);
            } else if (isSerial(e)) {
                out.addAll(bySerial(readers, e.substring(SERIAL.length())));
            } else {
                out.add(readers.resolve(e));
            }
        }
        if (out.isEmpty()) {
            throw new InvalidInputException("'" + spec + "' names no reader");
        }
        return new ArrayList<>(out);
    }

    /**
     * The serial in the device certificate of the card in {@code reader}; empty when there is no
     * card, it is no SmartCard-HSM, or its EF 2F02 holds no readable certificate.
     */
    public static Optional<String> serialOf(Readers readers, ReaderInfo reader) {
        try (CardTransport card = Transports.decorate(readers.open(reader), true, null)) {
            return SmartCardHsm.connect(card).serialNumber();
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }

    private static boolean isSerial(String spec) {
        return spec != null && spec.trim().regionMatches(true, 0, SERIAL, 0, SERIAL.length());
    }

    private static List<ReaderInfo> bySerial(Readers readers, String serial) {
        String wanted = serial.trim();
        if (wanted.isEmpty()) {
            throw new InvalidInputException("serial: needs the device serial, e.g. -r serial:DENK0100123 (schsm readers shows them)");
        }
        List<ReaderInfo> found = new ArrayList<>();
        List<String> seen = new ArrayList<>();
        for (ReaderInfo r : pcscReaders(readers)) {
            if (!r.cardPresent()) {
                continue;
            }
            Optional<String> s = serialOf(readers, r);
            s.ifPresent(v -> seen.add(v + " in '" + r.name() + "'"));
            if (s.isPresent() && s.get().equalsIgnoreCase(wanted)) {
                found.add(r);
            }
        }
        if (found.isEmpty()) {
            throw new InvalidInputException("no device with serial " + wanted + (seen.isEmpty()
                    ? "; no SmartCard-HSM with a device certificate is plugged in" : "; devices: " + String.join(", ", seen)));
        }
        return found;
    }

    private static List<ReaderInfo> pcscReaders(Readers readers) {
        ReaderListing listing = readers.listPcsc(false);
        if (listing.pcscProblem().isPresent()) {
            throw new PcscUnavailableException(listing.pcscProblem().get());
        }
        return listing.pcscReaders();
    }

    private static Pattern glob(String glob) {
        StringBuilder re = new StringBuilder();
        for (char c : glob.toCharArray()) {
            switch (c) {
                case '*' -> re.append(".*");
                case '?' -> re.append('.');
                default -> re.append(Pattern.quote(String.valueOf(c)));
            }
        }
        return Pattern.compile(re.toString(), Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
    }
}
