package org.schsm.secrets;

import java.io.PrintWriter;
import org.schsm.InvalidInputException;
import org.schsm.hsm.PinOrigins;

/**
 * {@code secret:NAME} wherever a PIN, SO-PIN or password is accepted: the value from the store,
 * with its origin attached (see {@link PinOrigins}) so that the card's answer is recorded.
 */
public final class StoredSecrets {
    public static final String PREFIX = "secret:";

    private StoredSecrets() {
    }

    public static boolean isReference(String spec) {
        return spec != null && spec.startsWith(PREFIX);
    }

    /**
     * The characters of the secret {@code spec} names ({@code secret:NAME}); the caller clears
     * them. {@code expected}, when not null, is the kind the caller needs: a stored SO-PIN is
     * never sent as a user PIN (16 hex digits would pass as one, and spend a try).
     */
    public static char[] resolve(SecretStore store, String spec, SecretKind expected, PrintWriter warnings) {
        String name = SecretStore.checkName(spec.substring(PREFIX.length()));
        SecretStore.Entry entry = store.entry(name);
        if (expected != null && entry.kind() != expected) {
            throw new InvalidInputException("secret '" + name + "' is a " + entry.kind().description() + ", not a "
                    + expected.description());
        }
        return PinOrigins.attach(store.reveal(name), new StoredPin(store, entry, warnings));
    }
}
