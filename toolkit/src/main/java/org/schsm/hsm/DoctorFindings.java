package org.schsm.hsm;

import java.util.List;
import java.util.Optional;
import org.schsm.Advice;
import org.schsm.Remedy;

/**
 * The text of each {@link Doctor} finding, one factory per device state. Sources are named in
 * the explanations so that a user can check them: the OpenSC wiki and sc-hsm-tool, and the
 * Nitrokey forum threads /t/629 (SO-PIN conversion), /t/1895 (blocked device), /t/3338 and
 * /t/6059 (firmware update).
 */
final class DoctorFindings {
    private static final String DEFAULT_SO_PIN = "the documented default SO-PIN is " + SoPin.DEFAULT_HEX
            + ", the hex form of the ASCII characters \"57621880\"; it must be entered as those 16 hex digits,"
            + " never as the 8 characters (Nitrokey forum /t/629)";
    private static final String NO_FACTORY_RESET = "There is no factory reset (Nitrokey forum /t/1895); the forum"
            + " names only a vendor firmware update through CardContact's PKI-as-a-Service portal as a way to"
            + " change this state (/t/3338, /t/6059), and the keys on the device should be considered lost in it.";
    private static final Remedy INIT = new Remedy.Initialize(false);
    private static final Remedy REINIT = new Remedy.Initialize(true);
    private static final Remedy UNBLOCK = new Remedy.UnblockPin(false);
    private static final Remedy UNBLOCK_NEW_PIN = new Remedy.UnblockPin(true);
    private static final Advice DONT_REINITIALIZE = Advice.of("Do not re-initialize (`", REINIT, "`) if you need the"
            + " keys: it erases every key, certificate and file.");

    private DoctorFindings() {
    }

    static Finding healthy() {
        return new Finding(Severity.OK, "healthy", "No problem found",
                Advice.of("Both PINs are usable and no tries are missing beyond those listed."),
                List.of(new Remedy.ShowStatus()), List.of());
    }

    static Finding notInitialized() {
        return new Finding(Severity.WARNING, "not-initialized", "Device has never been initialized",
                Advice.of("The SO-PIN and the user PIN are not set (VERIFY answers 6A88), so no key can be created yet."
                        + " Initialization sets the SO-PIN (16 hex digits, 15 tries, never unblockable), the user PIN"
                        + " and its retry counter."),
                List.of(INIT),
                List.of(Advice.of("Do not choose an SO-PIN you cannot reproduce: it is 16 hex digits, and " + DEFAULT_SO_PIN + "."),
                        Advice.of("Do not disable user-PIN reset (option 0001) unless losing all keys to a forgotten user PIN is acceptable.")));
    }

    /**
     * Certain: each wrong SO-PIN costs a try, at 0 the SO-PIN is blocked for good. Not certain:
     * whether a right SO-PIN gives spent tries back (reference, open question 11).
     */
    static Finding soPinTriesSpent(int triesLeft) {
        int spent = Doctor.SO_PIN_TRIES - triesLeft;
        boolean last = triesLeft == 1;
        return new Finding(last ? Severity.CRITICAL : Severity.WARNING, "so-pin-tries-spent",
                "SO-PIN has " + triesLeft + " of " + Doctor.SO_PIN_TRIES + " tries left",
                Advice.of(spent + " wrong SO-PIN" + (spent == 1 ? " was" : "s were") + " presented to this device (a"
                        + " re-initialization or PIN reset refused with \"PIN code or key incorrect\" is one)."
                        + (last ? " The next wrong SO-PIN blocks it for good." : "")
                        + " Each wrong SO-PIN costs one try; when none is left the SO-PIN is blocked for good and"
                        + " the device can never be re-initialized nor its user PIN reset (OpenSC wiki, Nitrokey"
                        + " forum /t/1895). Find the right SO-PIN before presenting one again: " + DEFAULT_SO_PIN + "."
                        + " If it was ever changed, check that the new value was also entered as 16 hex digits."),
                List.of(new Remedy.ShowPinStatus()),
                List.of(Advice.of("Do not keep guessing SO-PINs: each wrong one costs one of the " + triesLeft
                                + " remaining tries; count on not getting them back."),
                        DONT_REINITIALIZE.then(" With a wrong SO-PIN it would only spend another try.")),
                List.of("Whether a right SO-PIN gives the spent tries back is not documented for the SmartCard-HSM"
                        + " (reference, open question 11). schsm's simulator and pico-hsm restore all "
                        + Doctor.SO_PIN_TRIES + " after a right SO-PIN; a real card may keep the count. Never rely on it."));
    }

    static Finding soPinBlocked(PinStatus user) {
        String userState = user.state() == PinStatus.State.NOT_VERIFIED
                ? " The user PIN still works (" + user.triesLeft() + (user.triesLeft() == 1 ? " try" : " tries")
                        + " left): the keys stay usable with it. Back them up now if a DKEK was set up."
                : " The keys stay usable with the user PIN as long as it works.";
        return new Finding(Severity.CRITICAL, "so-pin-blocked", "SO-PIN is blocked for good",
                Advice.of("All " + Doctor.SO_PIN_TRIES + " SO-PIN tries are spent and it cannot be unblocked: the device can"
                        + " never be re-initialized and its user PIN can never be reset (OpenSC wiki, Nitrokey forum"
                        + " /t/1895)." + userState + " " + NO_FACTORY_RESET),
                List.of(new Remedy.VerifyPin(false)),
                List.of(Advice.of("Do not enter a user PIN you are unsure of: if the user PIN blocks too, the keys are unusable for good."),
                        Advice.of("Do not run `", INIT, "` or `", UNBLOCK, "`: the card refuses both now.")));
    }

    static Finding bothBlocked() {
        return new Finding(Severity.CRITICAL, "device-locked", "Both the SO-PIN and the user PIN are blocked",
                Advice.of("No key can be used and no command can reset either PIN: the user PIN could only be reset with the"
                        + " SO-PIN, and the SO-PIN can never be unblocked (OpenSC wiki, Nitrokey forum /t/1895). "
                        + NO_FACTORY_RESET),
                List.of(),
                List.of(Advice.of("Do not send further PINs or `", INIT, "`: the card refuses them all.")));
    }

    static Finding userPinBlocked(Optional<Boolean> resetEnabled, int soTriesLeft) {
        String soCost = soTriesLeft > 0 ? "one of the SO-PIN's " + soTriesLeft + " remaining tries" : "one SO-PIN try";
        List<Advice> doNot = List.of(Advice.of("Do not guess the SO-PIN: a wrong one costs " + soCost + ", for good."),
                DONT_REINITIALIZE.then(" Unblocking keeps them."));
        if (resetEnabled.isEmpty()) {
            return new Finding(Severity.CRITICAL, "user-pin-blocked", "User PIN is blocked",
                    Advice.of("The card refuses the user PIN, even the right one, until it is reset. This applet does not report"
                            + " whether user-PIN reset was enabled at initialization: try `", UNBLOCK_NEW_PIN, "`"
                            + " with the SO-PIN (keys are kept; a wrong SO-PIN costs " + soCost + "). If the card"
                            + " answers 6986 (command not allowed), reset is disabled and only re-initialization remains,"
                            + " which erases all keys."),
                    List.of(UNBLOCK_NEW_PIN), doNot);
        }
        if (resetEnabled.get()) {
            return new Finding(Severity.CRITICAL, "user-pin-blocked", "User PIN is blocked",
                    Advice.of("The card refuses the user PIN, even the right one, until it is reset. User-PIN reset with the"
                            + " SO-PIN is enabled (option 0001), so `", UNBLOCK_NEW_PIN, "` sets a new user PIN and"
                            + " restores its tries; keys are kept. It costs nothing with the right SO-PIN and " + soCost
                            + " with a wrong one."),
                    List.of(UNBLOCK_NEW_PIN), doNot);
        }
        return new Finding(Severity.CRITICAL, "user-pin-blocked-no-reset", "User PIN is blocked and cannot be reset",
                Advice.of("User-PIN reset with the SO-PIN was not enabled at initialization (option 0001 is clear), so the card"
                        + " refuses `", UNBLOCK, "` (6986). The keys protected by the user PIN can no longer be used."
                        + " The only way back to a usable device is re-initialization with the SO-PIN, which erases"
                        + " every key, certificate and file; keys backed up wrapped under a DKEK can be imported again"
                        + " only into a device initialized with the same DKEK shares."),
                List.of(REINIT),
                List.of(Advice.of("Do not re-initialize before accepting that the keys on the device are lost."),
                        Advice.of("Do not guess the SO-PIN for the re-initialization: a wrong one costs " + soCost + ".")));
    }

    static Finding userPinLow(int triesLeft, Optional<Boolean> resetEnabled) {
        boolean last = triesLeft == 1;
        Advice ifBlocked = resetEnabled.orElse(true)
                ? Advice.of("If it blocks, it can be reset with the SO-PIN (`", UNBLOCK, "`).")
                : Advice.of("If it blocks, it cannot be reset (option 0001 is clear): only re-initialization, erasing the keys, would remain.");
        return new Finding(last ? Severity.CRITICAL : Severity.WARNING, last ? "user-pin-last-try" : "user-pin-low",
                "User PIN has " + triesLeft + (last ? " try" : " tries") + " left",
                Advice.of("The user PIN still works")
                        .then(last ? Advice.of(", but the next wrong PIN blocks it; the guard asks for `", new Remedy.Force(),
                                "` before spending it.") : Advice.of("."))
                        .then(" Log in with the right PIN (a right PIN restores its counter to the maximum set at"
                        + " initialization, 3 by default) and back up the keys before anything else. ", ifBlocked),
                List.of(new Remedy.VerifyPin(last)),
                List.of(Advice.of("Do not try PINs you are unsure of: " + triesLeft + " more wrong "
                        + (last ? "PIN blocks" : "PINs block") + " the user PIN.")));
    }

    static Finding transportPin() {
        return new Finding(Severity.WARNING, "transport-pin", "User PIN is still a transport PIN",
                Advice.of("The device was initialized in transport-PIN mode (option 0002): the card refuses the user PIN for"
                        + " login (6984) until it has been changed, with the transport PIN as the old value. A wrong old"
                        + " value spends a user-PIN try."),
                List.of(new Remedy.ChangePin()),
                List.of());
    }

    static Finding unknown(PinStatus status) {
        String why = status.reference() == PinReference.USER
                ? " sc-hsm-tool reads such an answer as \"Public key authentication active\" (reference §6)."
                : "";
        return new Finding(Severity.INFO, status.reference() == PinReference.USER ? "user-pin-unknown" : "so-pin-unknown",
                status.reference().label() + " status not readable",
                Advice.of("The status query (VERIFY without data) was answered " + status.statusWord() + "." + why),
                List.of(new Remedy.ShowStatus()), List.of());
    }

    static Finding noPinReset() {
        return new Finding(Severity.INFO, "no-pin-reset", "User-PIN reset with the SO-PIN is disabled",
                Advice.of("Option 0001 was not set at initialization: if the user PIN ever blocks, the SO-PIN cannot reset it,"
                        + " and only re-initialization (erasing every key) would make the device usable again."),
                List.of(), List.of(Advice.of("Do not try user PINs you are unsure of.")));
    }

    static Finding dkekPending(DkekStatus dkek) {
        return new Finding(Severity.WARNING, "dkek-pending", "DKEK import pending",
                Advice.of(dkek.outstandingShares() + " of " + dkek.totalShares() + " DKEK shares are still missing: keys cannot be"
                        + " wrapped (backed up) or unwrapped until every share is imported."),
                List.of(), List.of());
    }

    static Finding dkekReady(DkekStatus dkek) {
        return new Finding(Severity.INFO, "dkek-ready", "DKEK complete (key check value " + dkek.keyCheckValue() + ")",
                Advice.of("All " + dkek.totalShares() + " DKEK share(s) are imported: keys can be exported wrapped under the DKEK"
                        + " (`", new Remedy.WrapKey(), "`, or sc-hsm-tool --wrap-key) and restored into a device with the same DKEK."),
                List.of(), List.of());
    }

    static Finding noDkek() {
        return new Finding(Severity.INFO, "no-dkek", "No DKEK shares configured",
                Advice.of("The device reports 0 DKEK shares: it was initialized without them, so its keys cannot be exported"
                        + " as wrapped backups and exist only on this device."),
                List.of(), List.of());
    }

    static Finding dkekUnknown(String reason) {
        return new Finding(Severity.INFO, "dkek-unknown", "DKEK status not available",
                Advice.of("The DKEK status query (IMPORT DKEK SHARE without data, 80 52 00 00 00) gave no DKEK status ("
                        + reason + "). Whether this device has DKEK shares, and so whether its keys can be"
                        + " backed up wrapped, cannot be read from it; sc-hsm-tool shows no DKEK lines then either."
                        + " Everything else above was read normally."),
                List.of(), List.of());
    }

    /**
     * What a re-initialization would erase. The device key CC00 and EF 2F02 are made at manufacture
     * and are not counted (keys.md §7.1): they are the device's identity, not user keys.
     */
    static Finding keysErasedByReinitialization(int keys) {
        if (keys == 0) {
            return new Finding(Severity.INFO, "no-keys", "No keys on the device: a re-initialization would erase none",
                    Advice.of("The card lists no key besides its device key (CC00, made at manufacture). A re-initialization"
                            + " would still erase every certificate and data file; `", new Remedy.ListFiles(), "` lists them."),
                    List.of(new Remedy.ListKeys(), new Remedy.ListFiles()), List.of());
        }
        String count = keys == 1 ? "1 key" : keys + " keys";
        return new Finding(Severity.INFO, "keys-on-device", count + " on the device: a re-initialization would erase "
                + (keys == 1 ? "it" : "all " + keys),
                Advice.of("The card lists " + count + " besides its device key (CC00, made at manufacture, which stays)."
                        + " A re-initialization (`", REINIT, "`, `sc-hsm-tool --initialize`) erases "
                        + (keys == 1 ? "it" : "them") + " with their certificates and every data file; only keys wrapped"
                        + " under a DKEK beforehand can be imported again. List them first with `", new Remedy.ListKeys(), "`."),
                List.of(new Remedy.ListKeys(), new Remedy.ListFiles()), List.of(DONT_REINITIALIZE));
    }
}
