package org.schsm.cli.interop;

import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;

/**
 * An interop test that puts a simulated card into the vpcd reader ({@link CardInReader}) and
 * takes it out after each test, so that the next test, or another build, finds the reader empty.
 * {@code dir} holds the card's state file and whatever files the test writes.
 */
abstract class CardInReaderTest {
    @TempDir
    Path dir;
    CardInReader reader;

    @AfterEach
    void removeCard() throws InterruptedException {
        if (reader != null) {
            reader.close();
        }
    }
}
