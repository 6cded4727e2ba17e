package org.schsm.shell;

import java.util.Objects;
import java.util.function.Consumer;

/**
 * The trace sink the shell hands to the toolkit's tracing decorator
 * ({@link org.schsm.transport.Transports#decorate}): lines reach {@code target} only while it is
 * switched on, so {@code trace(true/false)} works on a card that is already open.
 */
final class SwitchableTrace implements Consumer<String> {
    private final Consumer<String> target;
    private volatile boolean enabled;

    SwitchableTrace(Consumer<String> target, boolean enabled) {
        this.target = Objects.requireNonNull(target, "target");
        this.enabled = enabled;
    }

    void enabled(boolean on) {
        enabled = on;
    }

    boolean enabled() {
        return enabled;
    }

    @Override
    public void accept(String line) {
        if (enabled) {
            target.accept(line);
        }
    }
}
