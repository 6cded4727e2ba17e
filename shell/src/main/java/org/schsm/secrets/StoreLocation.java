package org.schsm.secrets;

import java.nio.file.Path;
import java.util.Map;
import org.schsm.UserDirectories;

/**
 * Where the store and its key file are. Defaults follow the XDG base directories: the store is
 * data ({@code $XDG_DATA_HOME/schsm/secrets.json}), the key lives apart from it under the
 * configuration directory ({@code $XDG_CONFIG_HOME/schsm/secrets.key}), so that a copy of one
 * directory (a backup, a synchronised folder) does not carry both. {@code SCHSM_SECRET_STORE}
 * and {@code SCHSM_SECRET_KEY_FILE} override them, for CI runners that mount secrets elsewhere.
 */
public record StoreLocation(Path store, Path keyFile) {
    public static final String STORE_VARIABLE = "SCHSM_SECRET_STORE";
    public static final String KEY_FILE_VARIABLE = "SCHSM_SECRET_KEY_FILE";

    public static StoreLocation of(Map<String, String> environment, String userHome) {
        UserDirectories directories = UserDirectories.of(environment, userHome);
        Path store = set(environment.get(STORE_VARIABLE))
                ? Path.of(environment.get(STORE_VARIABLE))
                : directories.data().resolve("secrets.json");
        Path key = set(environment.get(KEY_FILE_VARIABLE))
                ? Path.of(environment.get(KEY_FILE_VARIABLE))
                : directories.config().resolve("secrets.key");
        return new StoreLocation(store.toAbsolutePath(), key.toAbsolutePath());
    }

    /**
     * This user's store. The system properties {@code schsm.secretStore} and
     * {@code schsm.secretKeyFile} take the place of the variables where setting the environment
     * is awkward (a JVM started by another program, tests running the CLI in-process).
     */
    public static StoreLocation system() {
        Map<String, String> env = new java.util.HashMap<>(System.getenv());
        String store = System.getProperty("schsm.secretStore");
        String key = System.getProperty("schsm.secretKeyFile");
        if (store != null) {
            env.put(STORE_VARIABLE, store);
        }
        if (key != null) {
            env.put(KEY_FILE_VARIABLE, key);
        }
        return of(env, System.getProperty("user.home"));
    }

    private static boolean set(String value) {
        return value != null && !value.isBlank();
    }
}
