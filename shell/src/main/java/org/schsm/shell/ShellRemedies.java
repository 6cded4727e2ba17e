package org.schsm.shell;

import org.schsm.Remedy;
import org.schsm.session.CliRemedies;

/**
 * The Groovy shell's words for a {@link Remedy}: the call on {@code hsm} (the shell's and the
 * scripts' {@code SmartCardHsm}) that does it, with placeholder names where a secret goes.
 */
public final class ShellRemedies {
    private ShellRemedies() {
    }

    /**
     * For the user of a script run by {@code schsm run}, who is at the command line and passes the
     * script its options: the {@code schsm} command, and force both as the scripts' option and as
     * the call their code makes.
     */
    public static String forScriptUsers(Remedy remedy) {
        return remedy instanceof Remedy.Force ? "--force (in scripts: hsm.withForce())" : CliRemedies.command(remedy);
    }

    /** {@code hsm.unblock(soPin, newPin)} for {@code new UnblockPin(true)}. */
    public static String call(Remedy remedy) {
        if (remedy instanceof Remedy.Initialize r) {
            return (r.erasing() ? "hsm.withForce()" : "hsm") + ".initialize(InitializeOptions.builder(soPin, pin).build())";
        }
        if (remedy instanceof Remedy.ShowStatus) {
            return "hsm.status()";
        }
        if (remedy instanceof Remedy.ShowPinStatus) {
            return "hsm.pinStatus(PinReference.USER)";
        }
        if (remedy instanceof Remedy.VerifyPin r) {
            return r.forced() ? "hsm.withForce().verify(pin)" : "hsm.verify(pin)";
        }
        if (remedy instanceof Remedy.ChangePin) {
            return "hsm.changePin(oldPin, newPin)";
        }
        if (remedy instanceof Remedy.UnblockPin r) {
            return r.newPin() ? "hsm.unblock(soPin, newPin)" : "hsm.unblock(soPin)";
        }
        if (remedy instanceof Remedy.Diagnose) {
            return "Doctor.diagnose(hsm)";
        }
        if (remedy instanceof Remedy.Force) {
            return "hsm.withForce()";
        }
        if (remedy instanceof Remedy.ListKeys) {
            return "hsm.keys()";
        }
        if (remedy instanceof Remedy.ListFiles) {
            return "hsm.enumerateObjects()";
        }
        if (remedy instanceof Remedy.WrapKey) {
            return "hsm.wrapKey(keyId)";
        }
        throw new IllegalArgumentException("no shell call for " + remedy);
    }
}
