package org.schsm.session;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.schsm.InvalidInputException;

/** A run over many devices reads each secret once. */
class SecretCacheTest {
    @TempDir
    Path dir;

    @Test
    void whileACacheIsOpenEachSecretIsReadOnceAndAfterwardsAgain() throws Exception {
        Path file = dir.resolve("so-pin");
        Files.writeString(file, "3537363231383830\n");
        PinSource source = new PinSource(Map.of(), null);
        try (SecretCache cache = SecretCache.open()) {
            char[] first = source.resolve("file:" + file, "SO-PIN", "--so-pin");
            Files.delete(file);
            char[] second = source.resolve("file:" + file, "SO-PIN", "--so-pin");
            assertArrayEquals(first, second, "the second device gets the value read for the first");
        }
        assertThrows(InvalidInputException.class, () -> source.resolve("file:" + file, "SO-PIN", "--so-pin"),
                "once the run is over nothing is kept");
    }
}
