package org.schsm.cli;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import java.util.ArrayList;
import java.util.List;
import org.schsm.transport.CardBusyException;
import org.schsm.transport.CardTransport;
import org.schsm.transport.NoCardException;
import org.schsm.transport.NoReaderException;
import org.schsm.transport.PcscUnavailableException;
import org.schsm.transport.ReaderInfo;
import org.schsm.transport.Readers;
import org.schsm.transport.ReaderSource;
import org.schsm.transport.TransportException;

/**
 * What {@code schsm doctor} says when it cannot reach a card over PC/SC: which layer failed
 * (service, reader, card, another program, driver) and the fix for exactly that. It walks the
 * stack the way a person would: list readers (is pcscd there?), find the card, connect to it.
 */
final class PcscDiagnosis {
    /** The layer at which PC/SC failed; {@link #OK} when a card answered the connect. */
    enum Problem { OK, NO_LIBRARY, NO_SERVICE, NO_READER, NO_CARD, CARD_HELD, DRIVER }

    /** The verdict: the problem, what was seen, what to do. */
    record Finding(Problem problem, String reader, String summary, List<String> seen, List<String> fixes) {
        String toText() {
            StringBuilder b = new StringBuilder("PC/SC: ").append(summary).append('\n');
            seen.forEach(s -> b.append("  ").append(s).append('\n'));
            if (!fixes.isEmpty()) {
                b.append("What to do:\n");
                fixes.forEach(f -> b.append("  - ").append(f).append('\n'));
            }
            return b.toString();
        }

        JsonObject toJson() {
            JsonObject o = new JsonObject();
            o.addProperty("problem", problem.name());
            o.addProperty("reader", reader);
            o.addProperty("summary", summary);
            JsonArray s = new JsonArray();
            seen.forEach(s::add);
            o.add("seen", s);
            JsonArray f = new JsonArray();
            fixes.forEach(f::add);
            o.add("fixes", f);
            return o;
        }
    }

    private static final String SIMULATOR_HINT = "the embedded simulated card needs no PC/SC: schsm -r sim doctor";

    private final ReaderSource pcsc;
    private final PcscHost host;

    PcscDiagnosis(ReaderSource pcsc, PcscHost host) {
        this.pcsc = pcsc;
        this.host = host;
    }

    /**
     * Lists the readers, picks the one {@code wanted} names (or the only one with a card) and
     * connects to it once; the connection is closed again.
     *
     * @param wanted the {@code -r} value naming a PC/SC reader (the caller keeps pseudo-readers
     *               such as {@code sim} away from here: they need no PC/SC), or null
     */
    Finding diagnose(String wanted) {
        List<ReaderInfo> readers;
        try {
            readers = pcsc.list(false);  // names and presence only: the diagnosis connects once, below
        } catch (PcscUnavailableException e) {
            return serviceMissing(e);
        } catch (NoReaderException e) {
            readers = List.of();
        } catch (TransportException e) {
            return driver(null, e);
        }
        if (readers.isEmpty()) {
            return new Finding(Problem.NO_READER, null, "pcscd runs but reports no reader",
                    List.of("readers: none"),
                    List.of("connect the reader; `pcsc_scan` shows what pcscd sees when it is plugged in",
                            "a USB reader needs its driver, for most readers CCID (Debian: apt-get install libccid), then restart pcscd",
                            "vsmartcard's virtual reader: apt-get install vsmartcard-vpcd, then restart pcscd",
                            SIMULATOR_HINT));
        }
        List<String> seen = new ArrayList<>();
        readers.forEach(r -> seen.add("reader " + r.index() + ": " + r.name() + (r.cardPresent() ? " (card)" : " (empty)")));
        ReaderInfo target;
        if (wanted != null) {
            target = Readers.choose(wanted, readers);
        } else {
            List<ReaderInfo> withCard = readers.stream().filter(ReaderInfo::cardPresent).toList();
            if (withCard.size() != 1) {
                return withCard.isEmpty() ? noCard(null, readers, seen)
                        : new Finding(Problem.OK, null, "cards in " + withCard.size() + " readers", seen,
                                List.of("choose one with -r (see schsm readers)"));
            }
            target = withCard.get(0);
        }
        if (!target.cardPresent()) {
            return noCard(target.name(), readers, seen);
        }
        try (CardTransport card = pcsc.open(target.name())) {
            return new Finding(Problem.OK, target.name(), "card present in " + target.name(), seen, List.of());
        } catch (CardBusyException e) {
            List<String> users = host.programsUsingPcsc();
            seen.add(users.isEmpty() ? "programs using PC/SC: none visible to this user"
                    : "programs using PC/SC: " + String.join(", ", users));
            return new Finding(Problem.CARD_HELD, target.name(), "the card in " + target.name()
                    + " is held exclusively by another program", seen,
                    List.of(users.isEmpty() ? "end the program that holds it (gpg's scdaemon is a common one: gpgconf --kill scdaemon)"
                                    : "end or pause the program that holds it: " + String.join(", ", users)
                                    + " (gpg's scdaemon: gpgconf --kill scdaemon)",
                            "then run schsm doctor again"));
        } catch (NoCardException e) {
            return noCard(target.name(), readers, seen);
        } catch (TransportException e) {
            return driver(target.name(), e);
        }
    }

    private Finding serviceMissing(PcscUnavailableException e) {
        List<String> seen = new ArrayList<>();
        seen.add("PC/SC: " + e.getMessage());
        if (e.getCause() instanceof LinkageError || String.valueOf(e.getMessage()).contains("library")) {
            return new Finding(Problem.NO_LIBRARY, null, "the PC/SC client library is missing", seen,
                    List.of("install it: apt-get install libpcsclite1 pcscd (Debian/Ubuntu), dnf install pcsc-lite (Fedora)",
                            SIMULATOR_HINT));
        }
        boolean running = host.pcscdRunning();
        boolean socket = host.pcscdSocketPresent();
        seen.add("pcscd process: " + (running ? "running" : "not running"));
        seen.add("socket " + PcscHost.PCSCD_SOCKET + ": " + (socket ? "present" : "absent"));
        List<String> fixes = new ArrayList<>();
        if (running && !socket) {
            fixes.add("pcscd runs but its socket is gone: restart it ("
                    + (host.systemd() ? "sudo systemctl restart pcscd" : "kill it, then start pcscd again") + ")");
        } else if (host.systemd()) {
            fixes.add("start it: sudo systemctl start pcscd.socket (and enable it: sudo systemctl enable --now pcscd.socket)");
        } else {
            fixes.add("start it: sudo pcscd (no systemd here; `pcscd -f &` keeps it in the foreground of a shell or container)");
        }
        fixes.add("not installed? apt-get install pcscd (Debian/Ubuntu), dnf install pcsc-lite (Fedora)");
        fixes.add(SIMULATOR_HINT);
        return new Finding(Problem.NO_SERVICE, null, "the PC/SC service (pcscd) cannot be reached", seen, fixes);
    }

    private static Finding noCard(String reader, List<ReaderInfo> readers, List<String> seen) {
        List<String> fixes = new ArrayList<>();
        fixes.add("insert the SmartCard-HSM (or plug in the Nitrokey HSM) and run schsm doctor again");
        if (readers.stream().anyMatch(r -> r.name().startsWith("Virtual PCD"))) {
            fixes.add("for vsmartcard's virtual reader, serve the simulated card into it: schsm sim serve &");
        }
        fixes.add(SIMULATOR_HINT);
        return new Finding(Problem.NO_CARD, reader, reader == null ? "no reader holds a card" : "no card in " + reader,
                seen, fixes);
    }

    private static Finding driver(String reader, TransportException e) {
        List<String> seen = new ArrayList<>();
        seen.add("error: " + e.getMessage());
        return new Finding(Problem.DRIVER, reader, "the reader or its driver failed"
                + (reader == null ? "" : " (" + reader + ")"), seen,
                List.of("take the card out and put it back, or unplug and replug the reader",
                        "restart pcscd (sudo systemctl restart pcscd, or end it and start pcscd again)",
                        "see pcscd's own account: run it in the foreground with debug output, pcscd -f -d",
                        "a card that answers with another protocol than the reader expects gives this too: try another reader"));
    }
}
