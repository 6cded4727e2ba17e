package org.schsm.simulator.applet;

/**
 * Host hook of {@link Nvm}: told right after a retry counter was lowered, before the comparison
 * that write protects. On a card the counter is in EEPROM at that point; the simulator's host uses
 * the call to put the spent try on disk before the applet compares (docs/simulator.md, "One holder,
 * no free tries"). Throwing {@code ISOException} from it ends the command with that status word
 * before anything is compared. Absent on a real card.
 */
public interface TrySpentListener {
    void trySpent();
}
