package org.schsm.secrets;

import com.google.gson.JsonObject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.Map;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;
import javax.crypto.spec.SecretKeySpec;
import org.schsm.InvalidInputException;

/**
 * The AES-256 key of a store, from one of two sources, chosen when the store is created and
 * recorded in its header:
 * <ul>
 * <li>{@code key-file}: 32 random bytes in a file of its own (mode 0600, default
 *     {@code $XDG_CONFIG_HOME/schsm/secrets.key}), made on first use. Nothing to type, so cron
 *     jobs work; it protects a copy of the store that travels without the key file.</li>
 * <li>{@code passphrase}: PBKDF2-HMAC-SHA256 ({@value #ITERATIONS} iterations, random salt) of
 *     {@code SCHSM_SECRET_PASSPHRASE}, for CI systems that hold one masked variable and should
 *     keep no key on disk.</li>
 * </ul>
 */
final class StoreKey {
    static final String PASSPHRASE_VARIABLE = "SCHSM_SECRET_PASSPHRASE";
    static final int ITERATIONS = 600_000;
    static final int KEY_BYTES = 32;
    private static final SecureRandom RANDOM = new SecureRandom();

    private StoreKey() {
    }

    /** A header for a new store: passphrase when the variable is set, else the key file. */
    static JsonObject newHeader(Map<String, String> environment, int iterations) {
        JsonObject key = new JsonObject();
        if (passphrase(environment) != null) {
            byte[] salt = new byte[16];
            RANDOM.nextBytes(salt);
            key.addProperty("source", "passphrase");
            key.addProperty("kdf", "PBKDF2WithHmacSHA256");
            key.addProperty("iterations", iterations);
            key.addProperty("salt", Base64.getEncoder().encodeToString(salt));
        } else {
            key.addProperty("source", "key-file");
        }
        return key;
    }

    /** The key described by {@code header}; {@code create} makes a missing key file (first {@code add}). */
    static SecretKeySpec load(JsonObject header, StoreLocation location, Map<String, String> environment, boolean create) {
        String source = header.get("source").getAsString();
        if (source.equals("passphrase")) {
            char[] passphrase = passphrase(environment);
            if (passphrase == null) {
                throw new InvalidInputException("the secret store " + location.store() + " is encrypted with a passphrase:"
                        + " set " + PASSPHRASE_VARIABLE);
            }
            try {
                byte[] salt = Base64.getDecoder().decode(header.get("salt").getAsString());
                int iterations = header.get("iterations").getAsInt();
                PBEKeySpec spec = new PBEKeySpec(passphrase, salt, iterations, KEY_BYTES * 8);
                byte[] key = SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256").generateSecret(spec).getEncoded();
                spec.clearPassword();
                try {
                    return new SecretKeySpec(key, "AES");
                } finally {
                    Arrays.fill(key, (byte) 0);
                }
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("PBKDF2WithHmacSHA256 is missing from this Java runtime", e);
            } finally {
                Arrays.fill(passphrase, '\0');
            }
        }
        if (source.equals("key-file")) {
            return fromFile(location.keyFile(), create);
        }
        throw new InvalidInputException("the secret store " + location.store() + " names an unknown key source");
    }

    private static SecretKeySpec fromFile(Path file, boolean create) {
        byte[] key = null;
        try {
            if (create && !Files.exists(file)) {
                key = new byte[KEY_BYTES];
                RANDOM.nextBytes(key);
                PrivateFiles.writeAtomically(file, key);
            } else {
                PrivateFiles.checkPrivate(file, "the secret store's key file");
                key = Files.readAllBytes(file);
            }
            if (key.length != KEY_BYTES) {
                throw new InvalidInputException("the key file " + file + " does not hold a " + KEY_BYTES + "-byte key");
            }
            return new SecretKeySpec(key, "AES");
        } catch (NoSuchFileException e) {
            throw new InvalidInputException("the key file " + file + " of the secret store is missing; without it the"
                    + " stored secrets cannot be read (set " + StoreLocation.KEY_FILE_VARIABLE + " if it is elsewhere)");
        } catch (IOException e) {
            throw new InvalidInputException("cannot read the key file " + file + ": " + PrivateFiles.reason(e));
        } finally {
            if (key != null) {
                Arrays.fill(key, (byte) 0);
            }
        }
    }

    private static char[] passphrase(Map<String, String> environment) {
        String value = environment.get(PASSPHRASE_VARIABLE);
        return value == null || value.isEmpty() ? null : value.toCharArray();
    }
}
