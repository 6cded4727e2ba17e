package org.schsm.session;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.schsm.InvalidInputException;

class PinSourceTest {
    @TempDir
    Path dir;

    private final PinSource source = new PinSource(Map.of("HSM_PIN", "648219", "EMPTY", ""), null);

    @Test
    void literalValueIsTakenAsIs() {
        assertArrayEquals("123456".toCharArray(), source.resolve("123456", "user PIN", "--pin"));
    }

    @Test
    void environmentVariableIsRead() {
        assertArrayEquals("648219".toCharArray(), source.resolve("env:HSM_PIN", "user PIN", "--pin"));
    }

    @Test
    void unsetOrEmptyVariableNamesTheVariableNotTheValue() {
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> source.resolve("env:NOPE", "user PIN", "--pin"));
        assertTrue(e.getMessage().contains("NOPE"));
        assertThrows(InvalidInputException.class, () -> source.resolve("env:EMPTY", "user PIN", "--pin"));
    }

    @Test
    void fileLosesItsTrailingNewlinesOnly() throws Exception {
        Path f = dir.resolve("pin");
        Files.writeString(f, " 12345 6\r\n\n");
        assertArrayEquals(" 12345 6".toCharArray(), source.resolve("file:" + f, "user PIN", "--pin"));
    }

    @Test
    void missingOrEmptyFileIsAnInputError() throws Exception {
        InvalidInputException missing = assertThrows(InvalidInputException.class,
                () -> source.resolve("file:" + dir.resolve("none"), "SO-PIN", "--so-pin"));
        assertTrue(missing.getMessage().endsWith("no such file"), missing.getMessage());
        Path empty = Files.writeString(dir.resolve("empty"), "\n");
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> source.resolve("file:" + empty, "SO-PIN", "--so-pin"));
        assertTrue(e.getMessage().contains("empty"));
    }

    @Test
    void noValueAndNoConsoleExplainsTheAlternatives() {
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> source.resolve(null, "user PIN", "--pin"));
        assertTrue(e.getMessage().contains("env:VAR"));
        assertTrue(e.getMessage().contains("file:PATH"));
        assertFalse(e.getMessage().contains("648219"));
    }
}
