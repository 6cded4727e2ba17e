package org.schsm.cli;

import java.io.PrintWriter;
import org.schsm.transport.CardTransport;

/**
 * Opens the card a command talks to. PROVISIONAL: only the embedded simulator for now; the PC/SC
 * branch arrives with the toolkit's reader selection.
 */
public final class CardConnector {
    private CardConnector() {
    }

    public static CardSession open(CardOptions options, PrintWriter err, boolean autoGetResponse) {
        EmbeddedSimulator sim = EmbeddedSimulator.open(options.simState());
        CardTransport transport = sim;
        return new CardSession(transport, true, sim.name());
    }
}
