package org.schsm.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import org.schsm.hsm.InitializeOptions;
import org.schsm.hsm.Pin;
import org.schsm.hsm.SmartCardHsm;
import org.schsm.hsm.SoPin;
import org.schsm.session.CardConnector;
import org.schsm.session.CardOptions;
import org.schsm.session.CardSession;
import org.schsm.session.DryRunOption;
import org.schsm.session.ExitCode;
import org.schsm.session.FleetOptions;
import org.schsm.session.PinSource;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code schsm init}: INITIALIZE DEVICE with sc-hsm-tool's defaults (options 0001, retry counter
 * 3). All input is validated before the card is opened; re-initializing an initialized device
 * erases its keys and needs {@code --force}.
 */
@Command(name = "init", description = "Initialize the device: set SO-PIN, user PIN, options. Erases keys on an initialized device (needs --force).")
public final class InitCommand implements Callable<Integer> {
    /** --parallel and --dry-run, for a run over a reader set (org.schsm.fleet.FleetRun reads them). */
    @Mixin
    FleetOptions fleet;

    @Mixin
    DryRunOption dryRun;

    @Spec
    CommandSpec spec;

    @Option(names = "--so-pin", paramLabel = "HEX16",
            description = "SO-PIN, 16 hex digits (value, env:VAR or file:PATH; default: prompt). "
                    + "Sets it on a fresh device; must match the current one on re-initialization.")
    @org.schsm.Secret
    String soPin;

    @Option(names = "--so-pin-ascii", description = "The SO-PIN is given as its 8 characters, not 16 hex digits.")
    boolean ascii;

    @Option(names = "--pin", paramLabel = "PIN", description = "Initial user PIN, 6..16 characters (default: prompt).")
    @org.schsm.Secret
    String pin;

    @Option(names = "--pin-retry", paramLabel = "N", defaultValue = "3",
            description = "User PIN retry counter, 1..10 (a 6-character PIN allows at most 3, 7 at most 5). Default 3.")
    int pinRetry;

    @Option(names = "--dkek-shares", paramLabel = "N", description = "Number of DKEK shares to import later (enables key backup).")
    Integer dkekShares;

    @Option(names = "--no-pin-reset", description = "Do not allow the SO-PIN to reset a blocked user PIN (option 0001 off).")
    boolean noPinReset;

    @Option(names = "--transport-pin", description = "The user PIN is a transport PIN that must be changed before use.")
    boolean transportPin;

    @Option(names = "--force", description = "Re-initialize an initialized device, erasing all keys, certificates and files.")
    boolean force;

    @Override
    public Integer call() {
        PrintWriter err = spec.commandLine().getErr();
        Secrets secrets = new Secrets(PinSource.system());
        try (SoPin so = secrets.soPin(soPin, "SO-PIN", "--so-pin", ascii);
             Pin user = secrets.userPin(pin, "user PIN", "--pin")) {
            InitializeOptions.Builder builder = InitializeOptions.builder(so, user).retryCounter(pinRetry);
            if (dkekShares != null) {
                builder.dkekShares(dkekShares);
            }
            if (noPinReset) {
                builder.noPinReset();
            }
            if (transportPin) {
                builder.transportPin();
            }
            InitializeOptions options = builder.build();
            try (CardSession session = CardConnector.open(CardOptions.of(spec), err, true)) {
                SmartCardHsm hsm = new SmartCardHsm(session.transport());
                if (force) {
                    hsm = hsm.withForce();
                }
                hsm.select();
                hsm.initialize(options);
            }
            spec.commandLine().getOut().println("Device initialized.");
            if (so.isDefault()) {
                err.println("warning: the SO-PIN is the vendor's documented default; anyone who knows it can "
                        + "re-initialize this device. Change it: schsm pin change --so-pin OLD --new-so-pin NEW");
            }
            return ExitCode.OK;
        }
    }
}
