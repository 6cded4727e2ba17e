package org.schsm.cli;

import com.google.gson.JsonObject;
import java.util.concurrent.Callable;
import org.schsm.InvalidInputException;
import org.schsm.hsm.Pin;
import org.schsm.hsm.PinReference;
import org.schsm.hsm.PinValue;
import org.schsm.hsm.SoPin;
import org.schsm.session.ExitCode;
import org.schsm.session.FleetOptions;
import org.schsm.session.Json;
import org.schsm.session.PinSource;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code schsm pin ...}: the PIN lifecycle. Every PIN may be a value, env:VAR, file:PATH, or prompted. */
@Command(name = "pin", description = "PIN status, verify, change and unblock.",
        subcommands = {PinCommand.Status.class, PinCommand.Verify.class, PinCommand.Change.class, PinCommand.Unblock.class})
public final class PinCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    @Command(name = "status", description = "Tries left for the user PIN and the SO-PIN; spends no try.")
    static final class Status implements Callable<Integer> {
        /** --parallel, for a run over a reader set (org.schsm.fleet.FleetRun reads it). */
        @Mixin
        FleetOptions fleet;

        @Spec
        CommandSpec spec;

        @Option(names = "--json", description = "Print as JSON.")
        boolean json;

        @Override
        public Integer call() {
            return CardWork.open(spec, false, (hsm, out) -> {
                var user = hsm.pinStatus(PinReference.USER);
                var so = hsm.pinStatus(PinReference.SO);
                if (json) {
                    JsonObject o = new JsonObject();
                    o.add("userPin", StatusJson.pin(user));
                    o.add("soPin", StatusJson.pin(so));
                    out.println(Json.GSON.toJson(o));
                } else {
                    out.println("User PIN : " + StatusCommand.pinLine(user) + "  [" + user.statusWord() + "]");
                    out.println("SO-PIN   : " + StatusCommand.pinLine(so) + "  [" + so.statusWord() + "]");
                }
                return ExitCode.OK;
            });
        }
    }

    @Command(name = "verify", description = "Verify the user PIN (--pin) or the SO-PIN (--so-pin, or --so).")
    static final class Verify implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Option(names = "--so", description = "Verify the SO-PIN (16 hex digits) instead of the user PIN; prompts without --so-pin.")
        boolean so;

        @Option(names = "--pin", paramLabel = "PIN", description = "The user PIN: value, env:VAR or file:PATH (default: prompt).")
        @org.schsm.Secret
        String pin;

        @Option(names = "--so-pin", paramLabel = "HEX16", description = "Verify the SO-PIN: value, env:VAR or file:PATH.")
        @org.schsm.Secret
        String soPin;

        @Option(names = "--so-pin-ascii", description = "The SO-PIN is given as its 8 characters, not 16 hex digits.")
        boolean ascii;

        @Option(names = "--force", description = "Proceed even when one try is left (a wrong PIN then blocks it).")
        boolean force;

        @Override
        public Integer call() {
            if (pin != null && soPin != null) {
                throw new InvalidInputException("give --pin (user PIN) or --so-pin (SO-PIN), not both");
            }
            boolean verifySo = so || soPin != null;
            // `--so --pin X`, the older spelling, still verifies the SO-PIN.
            return CardWork.withPin(spec, secrets -> verifySo
                    ? secrets.soPin(soPin != null ? soPin : pin, "SO-PIN", soPin != null ? "--so-pin" : "--pin", ascii)
                    : secrets.userPin(pin, "user PIN", "--pin"), force, (hsm, out) -> {
                        out.println((verifySo ? "SO-PIN" : "User PIN") + " verified.");
                        return ExitCode.OK;
                    });
        }
    }

    @Command(name = "change",
            description = {"Change the user PIN (--pin, --new-pin) or the SO-PIN (--so-pin, --new-so-pin); "
                    + "ends transport-PIN mode. The option names are pkcs11-tool's."})
    static final class Change implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Option(names = "--so", description = "Change the SO-PIN (16 hex digits each); prompts for what is not given.")
        boolean so;

        @Option(names = "--pin", paramLabel = "PIN", description = "Current user PIN: value, env:VAR or file:PATH (default: prompt).")
        @org.schsm.Secret
        String oldPin;

        @Option(names = "--new-pin", paramLabel = "PIN", description = "New user PIN: value, env:VAR or file:PATH (default: prompt).")
        @org.schsm.Secret
        String newPin;

        @Option(names = "--so-pin", paramLabel = "HEX16", description = "Current SO-PIN (changes the SO-PIN): value, env:VAR or file:PATH.")
        @org.schsm.Secret
        String soPin;

        @Option(names = "--new-so-pin", paramLabel = "HEX16", description = "New SO-PIN: value, env:VAR or file:PATH (default: prompt).")
        @org.schsm.Secret
        String newSoPin;

        @Option(names = "--so-pin-ascii", description = "SO-PINs are given as 8 characters, not 16 hex digits.")
        boolean ascii;

        @Option(names = "--force", description = "Proceed even when one try is left.")
        boolean force;

        /** The spelling before pkcs11-tool's names were adopted: the current PIN (user, or SO with --so). */
        @Option(names = "--old", paramLabel = "PIN", hidden = true)
        @org.schsm.Secret
        String olderOld;

        /** The older spelling of the new PIN (user, or SO with --so). */
        @Option(names = "--new", paramLabel = "PIN", hidden = true)
        @org.schsm.Secret
        String olderNew;

        @Override
        public Integer call() {
            if ((olderOld != null && oldPin != null) || (olderNew != null && newPin != null)) {
                throw new InvalidInputException("--old is --pin and --new is --new-pin: give each once");
            }
            String oldPin = olderOld != null ? olderOld : this.oldPin;
            String newPin = olderNew != null ? olderNew : this.newPin;
            boolean soNames = soPin != null || newSoPin != null;
            if (soNames && (oldPin != null || newPin != null)) {
                throw new InvalidInputException("--so-pin/--new-so-pin change the SO-PIN and --pin/--new-pin the user PIN: "
                        + "change one at a time");
            }
            boolean changeSo = so || soNames;
            String current = soNames ? soPin : oldPin;
            String fresh = soNames ? newSoPin : newPin;
            String currentOption = changeSo ? (soNames ? "--so-pin" : "--pin") : "--pin";
            String freshOption = changeSo ? (soNames ? "--new-so-pin" : "--new-pin") : "--new-pin";
            Secrets secrets = new Secrets(PinSource.system());
            String what = changeSo ? "SO-PIN" : "user PIN";
            try (PinValue oldValue = changeSo ? secrets.soPin(current, "current " + what, currentOption, ascii)
                    : secrets.userPin(current, "current " + what, currentOption);
                 PinValue newValue = changeSo ? secrets.soPin(fresh, "new " + what, freshOption, ascii)
                         : secrets.userPin(fresh, "new " + what, freshOption)) {
                return CardWork.open(spec, force, (hsm, out) -> {
                    hsm.changeReferenceData(oldValue, newValue);
                    out.println((changeSo ? "SO-PIN" : "User PIN") + " changed.");
                    if (newValue instanceof SoPin s && s.isDefault()) {
                        spec.commandLine().getErr().println("warning: the new SO-PIN is the vendor's documented default");
                    }
                    return ExitCode.OK;
                });
            }
        }
    }

    @Command(name = "unblock", description = "Reset the user PIN's retry counter with the SO-PIN (RESET RETRY COUNTER).")
    static final class Unblock implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Option(names = "--so-pin", paramLabel = "HEX16", description = "SO-PIN: value, env:VAR or file:PATH (default: prompt).")
        @org.schsm.Secret
        String soPin;

        @Option(names = "--so-pin-ascii", description = "The SO-PIN is given as its 8 characters, not 16 hex digits.")
        boolean ascii;

        @Option(names = "--new-pin", arity = "0..1", fallbackValue = "", paramLabel = "PIN",
                description = "Also set a new user PIN (value, env:VAR, file:PATH; no value: prompt). "
                        + "Without it only the counter is reset.")
        @org.schsm.Secret
        String newPin;

        @Option(names = "--force", description = "Proceed even when the SO-PIN has one try left.")
        boolean force;

        @Override
        public Integer call() {
            Secrets secrets = new Secrets(PinSource.system());
            try (SoPin so = secrets.soPin(soPin, "SO-PIN", "--so-pin", ascii);
                 Pin fresh = newPin == null ? null
                         : secrets.userPin(newPin.isEmpty() ? null : newPin, "new user PIN", "--new-pin")) {
                return CardWork.open(spec, force, (hsm, out) -> {
                    hsm.resetRetryCounter(so, fresh);
                    out.println(fresh == null
                            ? "User PIN retry counter reset; the PIN is unchanged."
                            : "User PIN set and its retry counter reset.");
                    return ExitCode.OK;
                });
            }
        }
    }
}
