package org.schsm.cli;

import java.io.PrintWriter;
import java.util.function.Function;
import org.schsm.hsm.PinValue;
import org.schsm.hsm.SmartCardHsm;
import org.schsm.session.CardConnector;
import org.schsm.session.CardOptions;
import org.schsm.session.CardSession;
import org.schsm.session.PinSource;
import picocli.CommandLine.Model.CommandSpec;

/**
 * The shape every card command shares: open the card the options name, select the applet, verify
 * a PIN under the brick guard when one is needed, run the work, close the card. A PIN is read
 * (prompt, env:, file:, secret:) before the card is opened, so a bad source sends nothing.
 */
final class CardWork {
    private CardWork() {
    }

    /** What a command does once the card is open (and the PIN verified): returns the exit code. */
    @FunctionalInterface
    interface Work {
        int run(SmartCardHsm hsm, PrintWriter out);
    }

    /** Opens the card and selects the applet; no PIN. {@code force} lets guarded commands through. */
    static int open(CommandSpec spec, boolean force, Work work) {
        try (CardSession session = CardConnector.open(CardOptions.of(spec), spec.commandLine().getErr(), true)) {
            SmartCardHsm hsm = new SmartCardHsm(session.transport());
            if (force) {
                hsm = hsm.withForce();
            }
            hsm.select();
            return work.run(hsm, spec.commandLine().getOut());
        }
    }

    /**
     * Verifies the user PIN ({@code pinSpec}: a value, env:VAR, file:PATH, secret:NAME, or null to
     * prompt) and runs {@code work}. The guard refuses a verify that would spend the last try unless
     * {@code force}.
     */
    static int withUserPin(CommandSpec spec, String pinSpec, boolean force, Work work) {
        return withPin(spec, secrets -> secrets.userPin(pinSpec, "user PIN", "--pin"), force, work);
    }

    /** As {@link #withUserPin}, with the PIN (user or SO) built by {@code pin}; it is closed afterwards. */
    static int withPin(CommandSpec spec, Function<Secrets, ? extends PinValue> pin, boolean force, Work work) {
        try (PinValue value = pin.apply(new Secrets(PinSource.system()))) {
            return open(spec, force, (hsm, out) -> {
                hsm.verify(value);
                return work.run(hsm, out);
            });
        }
    }
}
