package org.schsm.shell;

import java.util.function.Function;
import org.schsm.transport.CardTransport;

/**
 * Where the shell gets its {@code hsm} binding. The SmartCard-HSM API ({@code org.schsm.hsm})
 * is wired in here and only here, so that the rest of the shell does not depend on its shape.
 */
public final class HsmSupport {
    private HsmSupport() {
    }

    /**
     * The factory the shell and the runner use by default. MERGE POINT: return
     * {@code org.schsm.hsm.SmartCardHsm::new} once that class is in the build; until then the
     * {@code hsm} binding is null and scripts fall back to raw APDUs.
     */
    public static Function<CardTransport, Object> defaultFactory() {
        return transport -> null;
    }
}
