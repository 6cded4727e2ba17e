package org.schsm.simulator;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.schsm.simulator.TestCard.VERIFY_USER;
import static org.schsm.simulator.TestCard.VERIFY_WRONG_USER;
import static org.schsm.simulator.TestCard.WRONG_SO_PIN;
import static org.schsm.testkit.HsmConstants.DEFAULT_SO_PIN;
import static org.schsm.testkit.HsmConstants.SELECT;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.schsm.apdu.Hex;
import org.schsm.apdu.Instruction;

/**
 * The embedded card and the vpcd bridge save the state only after commands
 * {@link Instruction#mayChangeState} says may change it. This ties that list to what the applet does: every
 * command it calls read-only leaves the persistent state byte for byte as it was, in every PIN
 * state a card can be in.
 */
class ReadOnlyCommandsTest {
    private static final List<String> READ_ONLY = List.of(
            SELECT,
            "00 A4 00 00 02 2F 02 00",                  // SELECT EF.C_DevAut
            "00 A4 00 00 02 3F 00 00",                  // SELECT MF
            "00 B0 00 00 00",                           // READ BINARY, current EF
            "00 B1 2F 02 04 54 02 00 00 00",            // READ BINARY (odd), EF.C_DevAut
            "00 B1 CF 01 04 54 02 00 00 00",            // READ BINARY (odd), a file that may not exist
            "00 C0 00 00 10",                           // GET RESPONSE
            "00 84 00 00 08",                           // GET CHALLENGE
            "00 20 00 81",                              // user PIN status
            "00 20 00 88",                              // SO-PIN status
            "80 58 00 00 00 00 00",                     // ENUMERATE OBJECTS, extended Le
            "80 52 00 00 00",                           // DKEK status
            "80 54 00 00 00");                          // public-key authentication status

    @TempDir
    Path dir;
    private int files;

    private static Map<String, Supplier<TestCard>> states() {
        Map<String, Supplier<TestCard>> states = new LinkedHashMap<>();
        states.put("never initialized", TestCard::selected);
        states.put("initialized", TestCard::initialized);
        states.put("user PIN verified", () -> {
            TestCard card = TestCard.initialized();
            card.expect(VERIFY_USER, 0x9000);
            return card;
        });
        states.put("user PIN blocked", () -> {
            TestCard card = TestCard.initialized();
            card.expect(VERIFY_WRONG_USER, 0x63C2);
            card.expect(VERIFY_WRONG_USER, 0x63C1);
            card.expect(VERIFY_WRONG_USER, 0x6983);
            return card;
        });
        states.put("SO-PIN partly spent, then verified", () -> {
            TestCard card = TestCard.initialized();
            card.expect("00 20 00 88 08 " + WRONG_SO_PIN, 0x63CE);
            card.expect("00 20 00 88 08 " + DEFAULT_SO_PIN, 0x9000);
            return card;
        });
        return states;
    }

    @Test
    void everyCommandCalledReadOnlyLeavesThePersistentStateAsItWas() throws IOException {
        int checked = 0;
        for (Map.Entry<String, Supplier<TestCard>> state : states().entrySet()) {
            for (String command : READ_ONLY) {
                byte[] apdu = Hex.decode(command);
                assertFalse(Instruction.mayChangeState(apdu), command + " is not on the read-only list");
                TestCard card = state.getValue().get();
                byte[] before = persistentState(card);
                card.card.transmit(apdu);
                assertArrayEquals(before, persistentState(card), command + " changed the state of a card "
                        + state.getKey());
                checked++;
            }
        }
        assertEquals(READ_ONLY.size() * states().size(), checked);
    }

    @Test
    void theComparisonSeesAChangeAWrongPinMakes() throws IOException {
        TestCard card = TestCard.initialized();
        byte[] before = persistentState(card);
        card.expect(VERIFY_WRONG_USER, 0x63C2);
        assertFalse(Arrays.equals(before, persistentState(card)));
        assertTrue(Instruction.mayChangeState(Hex.decode(VERIFY_WRONG_USER)));
    }

    /** The state file's bytes; a new file each time, so {@code save} always writes. */
    private byte[] persistentState(TestCard card) throws IOException {
        Path file = dir.resolve("state-" + files++);
        card.card.save(file);
        return Files.readAllBytes(file);
    }
}
