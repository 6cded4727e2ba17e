package org.schsm.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import org.schsm.UserDirectories;
import org.schsm.atr.Atr;
import org.schsm.hsm.DeviceStatus;
import org.schsm.hsm.PinStatus;
import org.schsm.hsm.SmartCardHsm;
import org.schsm.hsm.cvc.DeviceIdentity;
import org.schsm.hsm.cvc.TrustedRoots;
import org.schsm.hsm.cvc.VerifiedChains;
import org.schsm.session.CardConnector;
import org.schsm.session.CardOptions;
import org.schsm.session.CardSession;
import org.schsm.session.ExitCode;
import org.schsm.session.FleetOptions;
import org.schsm.session.Json;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code schsm status}: what sc-hsm-tool prints (version, options, SO-PIN and user-PIN tries,
 * transport PIN, DKEK) plus what it leaves out (initialized or not, blocked flags, the ATR
 * decoded). Reads only; spends no try.
 */
@Command(name = "status", description = "Show version, options, serial and device certificate verdict, PIN counters,"
        + " DKEK and the ATR; spends no try.")
public final class StatusCommand implements Callable<Integer> {
    /** --parallel, for a run over a reader set (org.schsm.fleet.FleetRun reads it). */
    @Mixin
    FleetOptions fleet;

    @Spec
    CommandSpec spec;

    @Option(names = "--json", description = "Print the status as JSON.")
    boolean json;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        try (CardSession session = CardConnector.open(CardOptions.of(spec), spec.commandLine().getErr(), true)) {
            SmartCardHsm hsm = new SmartCardHsm(session.transport());
            DeviceStatus s = hsm.status();
            // status runs again and again on the same devices: each chain's signatures are checked
            // once (VerifiedChains); inspect checks them on every run.
            DeviceIdentity identity = hsm.deviceIdentity(TrustedRoots.known(),
                    VerifiedChains.in(UserDirectories.system().cache().resolve("verified-chains")));
            if (json) {
                out.println(Json.GSON.toJson(StatusJson.of(s, session, identity)));
                return ExitCode.OK;
            }
            printStatus(out, session, s, identity);
            return ExitCode.OK;
        }
    }

    /** The status lines, shared with {@code schsm inspect}. */
    static void printStatus(PrintWriter out, CardSession session, DeviceStatus s, DeviceIdentity identity) {
        out.println("Reader               : " + session.description());
        out.println("Card                 : " + s.cardName());
        out.println("Version              : " + s.version());
        out.println("Config options       : " + s.options().map(o -> o.hex() + (o.names().isEmpty() ? " (none)" : " " + String.join(", ", o.names()))).orElse("(not reported)"));
        out.println("Initialized          : " + (s.initialized() ? "yes" : "no (run: schsm init)"));
        IdentityReport.lines(identity).forEach(out::println);
        if (s.initialized()) {
            out.println("SO-PIN               : " + pinLine(s.soPin()));
            out.println("User PIN             : " + pinLine(s.userPin()));
            out.println("Transport PIN        : " + (s.transportPinActive() ? "active, change it first (schsm pin change)" : "no"));
            out.println("DKEK                 : " + s.dkek().describe(d -> d.describe()));
        }
        out.println("ATR                  : " + s.atrHex());
        for (String line : Atr.parse(s.atr()).describe()) {
            out.println("  " + line);
        }
    }

    static String pinLine(PinStatus p) {
        return switch (p.state()) {
            case NOT_VERIFIED -> p.triesLeft() + (p.triesLeft() == 1 ? " try left (LAST TRY)" : " tries left");
            case VERIFIED -> "verified in this session";
            case BLOCKED -> "BLOCKED";
            case TRANSPORT_PIN -> "transport PIN (must be changed before use)";
            case NOT_INITIALIZED -> "not set";
            case UNKNOWN -> "unknown: " + p.statusWord();
        };
    }
}
