package org.schsm.simulator;

import java.lang.reflect.Field;
import java.util.Map;
import org.schsm.simulator.applet.SmartCardHsmApplet;

/**
 * Test support for the fuzz targets: a card's persistent state (the sections of {@link AppletState},
 * the same that a state file holds) taken once and put back before every sequence, followed by a
 * power cycle, so that a sequence starts exactly as it would on a new card in that state without
 * building one. Building a card (jCardSim, the applet's installation, its device key) costs 10 to
 * 20 ms; a fuzz sequence itself well under one, so reuse is what lets a campaign reach a million
 * sequences (docs/reliability.md, "Endurance").
 */
public final class CardSnapshot {
    private final SimulatedCard card;
    private final Map<String, byte[]> sections;

    private CardSnapshot(SimulatedCard card, Map<String, byte[]> sections) {
        this.card = card;
        this.sections = sections;
    }

    /** The persistent state of {@code card} as it is now; later {@link #restore}s put it back into the same card. */
    public static CardSnapshot of(SimulatedCard card) {
        return new CardSnapshot(card, AppletState.snapshot(applet(card)));
    }

    /** The card, its persistent state back to the snapshot's and freshly powered (nothing selected, no PIN verified). */
    public SimulatedCard restore() {
        try {
            AppletState.restore(applet(card), sections);
        } catch (StateFileException e) {
            throw new IllegalStateException("snapshot does not fit its own card", e);
        }
        card.powerCycle();
        return card;
    }

    private static SmartCardHsmApplet applet(SimulatedCard card) {
        try {
            Field field = SimulatedCard.class.getDeclaredField("applet");
            field.setAccessible(true);
            return (SmartCardHsmApplet) field.get(card);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot reach the simulated card's applet", e);
        }
    }
}
