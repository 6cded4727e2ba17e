package org.schsm.session;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Secrets read once for a run over many devices: while a cache is open, {@link PinSource} reads
 * each secret (a prompt, an environment variable, a file, the secret store) the first time a
 * device asks for it and hands every later device a copy, so the user types the SO-PIN once for
 * twenty tokens and devices running in parallel never prompt over each other. Closing the cache
 * wipes every value it held.
 */
public final class SecretCache implements AutoCloseable {
    private static volatile SecretCache active;

    private final Map<String, char[]> values = new HashMap<>();

    private SecretCache() {
    }

    /** Opens the cache for this process until {@link #close()}. */
    public static synchronized SecretCache open() {
        if (active != null) {
            throw new IllegalStateException("a secret cache is already open");
        }
        active = new SecretCache();
        return active;
    }

    static SecretCache active() {
        return active;
    }

    /**
     * A copy of the secret known by {@code key}, read with {@code reader} the first time. Serialised,
     * so a prompt runs once while the other devices wait for its answer.
     */
    synchronized char[] get(String key, Supplier<char[]> reader) {
        char[] value = values.get(key);
        if (value == null) {
            value = reader.get();
            values.put(key, value);
        }
        return value.clone();
    }

    @Override
    public void close() {
        synchronized (this) {
            values.values().forEach(v -> Arrays.fill(v, '\0'));
            values.clear();
        }
        synchronized (SecretCache.class) {
            if (active == this) {
                active = null;
            }
        }
    }
}
