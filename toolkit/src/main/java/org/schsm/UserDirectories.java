package org.schsm;

import java.nio.file.Path;
import java.util.Map;

/**
 * Where schsm keeps a user's files, after the XDG base directory specification: data (the
 * simulated card's state, shell history, the secret store) under {@code $XDG_DATA_HOME/schsm},
 * configuration (the secret store's key) under {@code $XDG_CONFIG_HOME/schsm}, and what can be
 * thrown away and rebuilt (verified certificate chains) under {@code $XDG_CACHE_HOME/schsm}. A
 * variable that is unset or blank falls back to {@code ~/.local/share}, {@code ~/.config} and
 * {@code ~/.cache}, as the specification says.
 */
public record UserDirectories(Path data, Path config, Path cache) {

    /** The directories {@code environment} and {@code userHome} give. */
    public static UserDirectories of(Map<String, String> environment, String userHome) {
        return new UserDirectories(
                base(environment, "XDG_DATA_HOME", userHome, ".local", "share").resolve("schsm"),
                base(environment, "XDG_CONFIG_HOME", userHome, ".config").resolve("schsm"),
                base(environment, "XDG_CACHE_HOME", userHome, ".cache").resolve("schsm"));
    }

    /** This process's user's directories. */
    public static UserDirectories system() {
        return of(System.getenv(), System.getProperty("user.home"));
    }

    private static Path base(Map<String, String> env, String variable, String home, String... below) {
        String xdg = env.get(variable);
        return xdg != null && !xdg.isBlank() ? Path.of(xdg) : Path.of(home, below);
    }
}
