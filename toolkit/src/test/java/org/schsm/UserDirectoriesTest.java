package org.schsm;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class UserDirectoriesTest {
    @Test
    void xdgVariablesWhenSetElseTheSpecificationsDefaults() {
        UserDirectories set = UserDirectories.of(Map.of("XDG_DATA_HOME", "/d", "XDG_CONFIG_HOME", "/c",
                "XDG_CACHE_HOME", "/k"), "/home/u");
        assertEquals(new UserDirectories(Path.of("/d/schsm"), Path.of("/c/schsm"), Path.of("/k/schsm")), set);

        UserDirectories unset = UserDirectories.of(Map.of("XDG_CACHE_HOME", " "), "/home/u");
        assertEquals(Path.of("/home/u/.local/share/schsm"), unset.data());
        assertEquals(Path.of("/home/u/.config/schsm"), unset.config());
        assertEquals(Path.of("/home/u/.cache/schsm"), unset.cache(), "blank counts as unset");
    }
}
