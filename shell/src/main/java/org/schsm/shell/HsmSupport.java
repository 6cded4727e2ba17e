package org.schsm.shell;

import java.util.function.Function;
import org.schsm.apdu.StatusWordException;
import org.schsm.hsm.SmartCardHsm;
import org.schsm.transport.CardTransport;

/**
 * Where the shell gets its {@code hsm} binding: the SmartCard-HSM API ({@link SmartCardHsm}) on
 * the session's card, selected, with the brick guard on ({@code hsm.withForce()} for a view without it).
 * The session applies the factory again whenever {@code connect()} or {@code sim()} changes the card.
 */
public final class HsmSupport {
    private HsmSupport() {
    }

    /**
     * The factory the shell and the runner use: the SmartCard-HSM with its application selected
     * on connecting, as OpenSC's driver does, so that the first line may be {@code hsm.verify(...)}
     * (docs/protocol.md §1.1). A card that refuses the SELECT (not a SmartCard-HSM) still gets an
     * {@code hsm}, unselected; its PIN commands then say so ({@link org.schsm.hsm.NotSelectedException}).
     */
    public static Function<CardTransport, Object> defaultFactory() {
        return transport -> {
            try {
                return SmartCardHsm.connect(transport);
            } catch (StatusWordException notAnHsm) {
                return new SmartCardHsm(transport);
            }
        };
    }
}
