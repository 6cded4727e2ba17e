package org.schsm.simulator.holder;

import java.nio.file.Path;
import java.time.Duration;
import org.schsm.simulator.PersistentCard;
import org.schsm.simulator.SimulatedCard;
import org.schsm.simulator.StateFileLock;

/**
 * A second program for the lock tests: opens the state file named by its argument, prints
 * {@code held} and keeps it until killed (or 60 s pass).
 */
public final class HoldStateFile {
    private HoldStateFile() {
    }

    public static void main(String[] args) throws Exception {
        StateFileLock.describeProcess("lock test holder");
        try (PersistentCard card = PersistentCard.open(Path.of(args[0]), SimulatedCard::create, Duration.ZERO)) {
            System.out.println("held");
            System.out.flush();
            Thread.sleep(60_000);
        }
    }
}
