package org.schsm.hsm;

import java.util.EnumSet;
import org.schsm.Advice;
import org.schsm.Remedy;
import org.schsm.hsm.BrickGuardException.Reason;

/**
 * Refuses commands that could make a device unusable, from counters read without spending a
 * try. It lives in the toolkit so that the CLI, the shell and scripts all get it; the
 * {@link SmartCardHsm} facade calls it unless it was made with {@link SmartCardHsm#withForce()}.
 *
 * <p>What it refuses: presenting a PIN (VERIFY, CHANGE REFERENCE DATA, and RESET RETRY COUNTER,
 * which presents the SO-PIN) when exactly one try is left or the PIN is already blocked, and
 * INITIALIZE DEVICE on a device that is already initialized (it erases every key).
 */
public final class BrickGuard {
    static final Advice FORCE_HINT = Advice.of("Add ", new Remedy.Force(), " to send it anyway.");
    private static final Remedy DIAGNOSE = new Remedy.Diagnose();

    private BrickGuard() {
    }

    /** Before {@code command} presents the PIN whose status is given. */
    public static void checkPinAttempt(String command, PinStatus status) {
        PinReference ref = status.reference();
        if (status.isBlocked()) {
            throw new BrickGuardException(Advice.of("Refused: " + command + " was not sent because the " + ref.label()
                    + " is blocked; the card would refuse even the right value.\n")
                    .then(recoveryWhenBlocked(ref), "\n", FORCE_HINT), EnumSet.of(Reason.BLOCKED));
        }
        if (status.isLastTry()) {
            throw new BrickGuardException(Advice.of("Refused: " + command + " would spend the last try of the " + ref.label()
                    + " (1 left): a wrong value blocks it.\n").then(costOfBlocking(ref), "\n",
                    "Be sure of the value, then: ", FORCE_HINT), EnumSet.of(Reason.LAST_TRY));
        }
    }

    /**
     * Before {@code command} presents {@code value}: refuses a value whose origin recorded that the
     * card refused it (a stored secret after the PIN on the card was changed), so an unattended
     * job does not spend one try per run until the PIN blocks.
     */
    public static void checkOrigin(String command, PinValue value) {
        value.origin().ifPresent(origin -> origin.refusedBefore().ifPresent(why -> {
            throw new BrickGuardException(Advice.of("Refused: " + command + " was not sent: " + why + ".\n"
                    + origin.remedy() + " add ", new Remedy.Force(), " to send it anyway."), EnumSet.of(Reason.REFUSED_BEFORE));
        }));
    }

    /** Before RESET RETRY COUNTER, which spends an SO-PIN try when the SO-PIN is wrong. */
    public static void checkResetRetryCounter(PinStatus soStatus) {
        checkPinAttempt("RESET RETRY COUNTER (it presents the SO-PIN)", soStatus);
    }

    /** Before INITIALIZE DEVICE, given the SO-PIN status (6A88 = never initialized). */
    public static void checkInitialize(PinStatus soStatus) {
        PinStatus.State state = soStatus.state();
        if (state == PinStatus.State.NOT_INITIALIZED) {
            return; // first initialization: nothing to erase, the SO-PIN is being set, not checked
        }
        if (soStatus.isBlocked()) {
            throw new BrickGuardException(Advice.of("Refused: INITIALIZE DEVICE was not sent because the SO-PIN is blocked;"
                    + " the card refuses re-initialization for good.\n").then(recoveryWhenBlocked(PinReference.SO),
                    "\n", FORCE_HINT), EnumSet.of(Reason.BLOCKED));
        }
        EnumSet<Reason> reasons = EnumSet.of(Reason.ERASES_KEYS);
        Advice message = Advice.of("Refused: INITIALIZE DEVICE would erase every key, certificate"
                + " and file on this already initialized device.\n");
        if (soStatus.isLastTry()) {
            reasons.add(Reason.LAST_TRY);
            message = message.then("It also presents the SO-PIN, which has 1 try left: ", costOfBlocking(PinReference.SO),
                    "\n");
        }
        message = message.then("Back up the keys you need first; they cannot be recovered afterwards."
                + " If the SO-PIN is uncertain, run `", DIAGNOSE, "` before anything else.\n", FORCE_HINT);
        throw new BrickGuardException(message, reasons);
    }

    /**
     * Before deleting key {@code CC<id>}: a deleted key cannot be brought back unless it was
     * wrapped under the DKEK beforehand, so deleting always needs force.
     */
    public static void checkDeleteKey(int keyId) {
        throw new BrickGuardException(Advice.of(String.format("Refused: deleting key %02X would destroy it for good.", keyId)
                + "\nIf you may need it again, wrap it under the DKEK first (`", new Remedy.WrapKey(), "`); otherwise it"
                + " cannot be recovered.\n").then(FORCE_HINT), EnumSet.of(Reason.DELETES_KEY));
    }

    private static Advice costOfBlocking(PinReference ref) {
        return ref == PinReference.SO
                ? Advice.of("A blocked SO-PIN can never be unblocked: no re-initialization and no user-PIN reset will be"
                        + " possible again. The SO-PIN is 16 hex digits; the default is " + SoPin.DEFAULT_HEX + ".")
                : Advice.of("A blocked user PIN can be reset only with the SO-PIN (`", new Remedy.UnblockPin(false),
                        "`), and only if reset was enabled at initialization; otherwise only `", new Remedy.Initialize(true),
                        "` helps, which erases the keys.");
    }

    private static Advice recoveryWhenBlocked(PinReference ref) {
        return ref == PinReference.SO
                ? Advice.of("No command unblocks the SO-PIN: the device cannot be re-initialized and the user PIN cannot be"
                        + " reset any more; keys stay usable with the user PIN while it works. Run `", DIAGNOSE, "`.")
                : Advice.of("Recovery: `", new Remedy.UnblockPin(true), "` with the SO-PIN if user-PIN reset was enabled at"
                        + " initialization (keys are kept; a wrong SO-PIN costs one of its tries), otherwise `",
                        new Remedy.Initialize(true), "`, which erases all keys. `", DIAGNOSE, "` tells which applies.");
    }
}
