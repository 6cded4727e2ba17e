package org.schsm.session;

import org.schsm.Remedy;

/**
 * The command line's words for a {@link Remedy}: the {@code schsm} command that does it. The one
 * place where the CLI's command names meet the toolkit's advice; the CLI's error lines, {@code
 * schsm doctor} and {@code schsm status} say remedies through it.
 */
public final class CliRemedies {
    private CliRemedies() {
    }

    /** {@code schsm pin unblock --new-pin} for {@code new UnblockPin(true)}. */
    public static String command(Remedy remedy) {
        if (remedy instanceof Remedy.Initialize r) {
            return r.erasing() ? "schsm init --force" : "schsm init";
        }
        if (remedy instanceof Remedy.ShowStatus) {
            return "schsm status";
        }
        if (remedy instanceof Remedy.ShowPinStatus) {
            return "schsm pin status";
        }
        if (remedy instanceof Remedy.VerifyPin r) {
            return r.forced() ? "schsm pin verify --force" : "schsm pin verify";
        }
        if (remedy instanceof Remedy.ChangePin) {
            return "schsm pin change";
        }
        if (remedy instanceof Remedy.UnblockPin r) {
            return r.newPin() ? "schsm pin unblock --new-pin" : "schsm pin unblock";
        }
        if (remedy instanceof Remedy.Diagnose) {
            return "schsm doctor";
        }
        if (remedy instanceof Remedy.Force) {
            return "--force";
        }
        if (remedy instanceof Remedy.ListKeys) {
            return "schsm keys";
        }
        if (remedy instanceof Remedy.ListFiles) {
            return "schsm inspect";
        }
        if (remedy instanceof Remedy.WrapKey) {
            return "schsm key wrap";
        }
        throw new IllegalArgumentException("no schsm command for " + remedy);
    }
}
