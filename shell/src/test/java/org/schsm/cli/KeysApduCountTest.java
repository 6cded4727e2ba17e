package org.schsm.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonParser;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.schsm.hsm.InitializeOptions;
import org.schsm.hsm.KeySpec;
import org.schsm.hsm.Pin;
import org.schsm.hsm.SmartCardHsm;
import org.schsm.hsm.SoPin;
import org.schsm.simulator.EmbeddedSimulator;
import org.schsm.session.ExitCode;
import org.schsm.testkit.InProcessSchsm;
import org.schsm.testkit.SchsmRun;

/**
 * {@code schsm keys} on a card with 50 keys sends at most 1 + 2 x 50 APDUs for the listing (one
 * ENUMERATE OBJECTS, then one extended READ BINARY per description and per CV request) plus the
 * SELECT that opens every session (issue 15 item 15). The APDUs are counted in the command's own
 * trace, which shows every command its transport sends.
 */
class KeysApduCountTest {
    private static final int KEYS = 50;

    @TempDir
    Path dir;

    @Test
    void fiftyKeysAreListedWithOnePlusTwoApdusPerKey() {
        Path state = dir.resolve("card.state");
        try (EmbeddedSimulator card = EmbeddedSimulator.open(state)) {
            SmartCardHsm hsm = SmartCardHsm.connect(card);
            hsm.initialize(InitializeOptions.builder(SoPin.fromHex("3537363231383830"), Pin.user("648219")).build());
            hsm.verify("648219");
            for (int id = 1; id <= KEYS; id++) {
                hsm.generateKeyPair(id, KeySpec.ec("secp256r1"), "key " + id);
            }
        }

        SchsmRun listed = InProcessSchsm.onSimulator(state).run("keys", "--json", "--trace");
        assertEquals(ExitCode.OK, listed.exitCode(), listed::toString);
        assertEquals(KEYS, JsonParser.parseString(listed.out()).getAsJsonArray().size(), listed::toString);
        List<String> sent = listed.err().lines().filter(l -> l.contains(">> ")).toList();
        List<String> selects = sent.stream().filter(l -> l.contains(">> 00 A4 04 ")).toList();
        List<String> reads = sent.stream().filter(l -> l.contains(">> 00 B1 ")).toList();
        List<String> listings = sent.stream().filter(l -> l.contains(">> 80 58 ")).toList();
        assertEquals(1, listings.size(), () -> String.join("\n", sent));
        assertEquals(2 * KEYS, reads.size(), () -> "one READ BINARY for C4 and one for CE of every key\n"
                + String.join("\n", sent));
        assertTrue(selects.size() <= 1, () -> "the application is selected once\n" + String.join("\n", selects));
        assertEquals(selects.size() + 1 + 2 * KEYS, sent.size(), () -> "nothing else is sent\n" + String.join("\n", sent));
    }
}
