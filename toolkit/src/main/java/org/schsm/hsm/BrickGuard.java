package org.schsm.hsm;

import java.util.ArrayList;
import java.util.List;

/**
 * Decides, from counters read without spending a try, whether a command may be sent. Refuses
 * (unless forced) a PIN presentation that would spend the last try, and re-initialization of an
 * initialized device; always refuses presentations to a PIN that is already blocked.
 */
final class BrickGuard {
    static final String FORCE = "use --force to proceed";
    static final String SO_FINAL = "a blocked SO-PIN can never be unblocked: the device can then no longer be"
            + " re-initialized and the user PIN no longer reset; only a vendor firmware update resets it"
            + " (reference §2.5; Nitrokey forum /t/1895, /t/2795)";
    static final String SO_DEFAULT_HINT = "the documented default SO-PIN is " + SoPin.DEFAULT_HEX
            + " (the ASCII of \"57621880\"), entered as 16 hex digits";

    private BrickGuard() {
    }

    /** Before VERIFY or CHANGE REFERENCE DATA of {@code status.ref()}, or RESET RETRY COUNTER (SO). */
    static void beforePresentation(String action, PinStatus status, boolean force) {
        PinReference ref = status.ref();
        if (status.isBlocked()) {
            throw blocked(action, ref);
        }
        if (force) {
            return;
        }
        if (status.isLastTry()) {
            List<String> details = new ArrayList<>();
            details.add("the card shows " + status.describe() + "; nothing was sent");
            if (ref == PinReference.SO) {
                details.add(SO_FINAL);
                details.add(SO_DEFAULT_HINT);
            } else {
                details.add(USER_RECOVERY);
            }
            details.add("schsm pin status shows the counters without spending a try; schsm doctor explains the options");
            throw new BrickGuardException(action + " would block the " + ref.label() + " if the " + ref.label()
                    + " is wrong: it has 1 try left; " + FORCE, details, true);
        }
        if (status.state() == PinState.UNKNOWN) {
            throw new BrickGuardException("the " + ref.label() + " retry counter cannot be read (" + status.sw()
                    + "), so it is unknown whether " + action + " would spend the last try; " + FORCE,
                    List.of("the status query VERIFY without data answered " + status.sw()), true);
        }
    }

    static final String USER_RECOVERY = "a blocked user PIN can be reset with the SO-PIN (schsm pin unblock) if user PIN"
            + " reset was enabled at initialization; otherwise only re-initialization (schsm init --force) helps,"
            + " and that erases all keys";

    private static BrickGuardException blocked(String action, PinReference ref) {
        List<String> details = new ArrayList<>();
        if (ref == PinReference.SO) {
            details.add(SO_FINAL);
            details.add("keys stay usable with the user PIN as long as the user PIN works: back them up while you can");
            return new BrickGuardException("the SO-PIN is blocked for good, so " + action
                    + " cannot succeed; nothing was sent", details, false);
        }
        details.add(USER_RECOVERY);
        details.add("schsm doctor shows which recovery paths exist for this device");
        return new BrickGuardException("the user PIN is blocked, so " + action
                + " cannot succeed; nothing was sent; recover with schsm pin unblock (needs the SO-PIN)", details, false);
    }

    /** Before INITIALIZE DEVICE: {@code so} from the no-data VERIFY of the SO-PIN. */
    static void beforeInitialize(PinStatus so, boolean force) {
        if (so.state() == PinState.NOT_INITIALIZED) {
            return;
        }
        if (so.isBlocked()) {
            throw new BrickGuardException("the SO-PIN is blocked for good, so the device cannot be re-initialized;"
                    + " nothing was sent", List.of(SO_FINAL,
                    "keys stay usable with the user PIN as long as the user PIN works: back them up while you can"), false);
        }
        if (force) {
            return;
        }
        List<String> details = new ArrayList<>();
        details.add("re-initialization removes every key, certificate and file; only the device certificate stays"
                + " (reference §2.5)");
        details.add("back up keys first (wrapped with the DKEK) if you need them; the user PIN is enough to use them");
        details.add("the SO-PIN in the command is checked by the card: a wrong SO-PIN spends one of its 15 tries, which"
                + " never come back; " + so.describe());
        String reason = "the device is already initialized: re-initialization erases all keys";
        if (so.isLastTry()) {
            reason += ", and the SO-PIN has 1 try left: a wrong SO-PIN blocks the device for good";
            details.add(SO_FINAL);
            details.add(SO_DEFAULT_HINT);
        }
        throw new BrickGuardException(reason + "; " + FORCE, details, true);
    }
}
