package org.schsm.shell;

import java.util.function.Function;
import org.schsm.hsm.SmartCardHsm;
import org.schsm.transport.CardTransport;

/**
 * Where the shell gets its {@code hsm} binding: the SmartCard-HSM API ({@link SmartCardHsm}) on
 * the session's card, with the brick guard on ({@code hsm.withForce()} for a view without it).
 * The session applies the factory again whenever {@code connect()} or {@code sim()} changes the card.
 */
public final class HsmSupport {
    private HsmSupport() {
    }

    /** The factory the shell and the runner use: {@code SmartCardHsm::new}. */
    public static Function<CardTransport, Object> defaultFactory() {
        return SmartCardHsm::new;
    }
}
