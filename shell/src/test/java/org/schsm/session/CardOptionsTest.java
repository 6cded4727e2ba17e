package org.schsm.session;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class CardOptionsTest {

    private static Optional<String> reader(String... args) {
        return CardOptions.readerOption(args);
    }

    @Test
    void theReaderIsFoundInEveryFormPicocliAccepts() {
        assertEquals(Optional.of("Virtual PCD 00 00"), reader("-r", "Virtual PCD 00 00", "status"));
        assertEquals(Optional.of("Virtual PCD 00 00"), reader("status", "--reader", "Virtual PCD 00 00"));
        assertEquals(Optional.of("0"), reader("-r0", "status"));
        assertEquals(Optional.of("sim"), reader("-r=sim", "status"));
        assertEquals(Optional.of("sim:fresh"), reader("--reader=sim:fresh", "status"));
    }

    @Test
    void noReaderOptionMeansNothingToPrepare() {
        assertEquals(Optional.empty(), reader("status"));
        assertEquals(Optional.empty(), reader("status", "-r"));
        assertEquals(Optional.empty(), reader("--version"));
        assertEquals(Optional.empty(), reader("run", "script.groovy", "--", "-r", "x"), "after -- arguments belong to the script");
        assertEquals(Optional.empty(), reader("--reader-list"), "only -r itself, not a longer option starting with --r");
    }
}
