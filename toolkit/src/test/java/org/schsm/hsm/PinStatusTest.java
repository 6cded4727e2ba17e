package org.schsm.hsm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.schsm.apdu.StatusWord;
import org.schsm.hsm.PinStatus.State;

class PinStatusTest {

    private static PinStatus status(PinReference ref, String sw) {
        return PinStatus.fromStatusWord(ref, StatusWord.parse(sw));
    }

    @ParameterizedTest(name = "{0} {1} -> {2}, {3} tries")
    @CsvSource({
        "USER, 9000, VERIFIED, -1",
        "USER, 63C3, NOT_VERIFIED, 3",
        "SO,   63CF, NOT_VERIFIED, 15",
        "USER, 63C1, NOT_VERIFIED, 1",
        "USER, 63C0, BLOCKED, 0",
        "SO,   6983, BLOCKED, 0",
        "USER, 6984, TRANSPORT_PIN, -1",
        "SO,   6984, UNKNOWN, -1",
        "USER, 6A88, NOT_INITIALIZED, -1",
        "SO,   6A88, NOT_INITIALIZED, -1",
        "USER, 6300, UNKNOWN, -1",
        "USER, 6D00, UNKNOWN, -1",
    })
    void statusQueryAnswerMapsToState(PinReference ref, String sw, State state, int tries) {
        PinStatus status = status(ref, sw);
        assertEquals(state, status.state());
        assertEquals(tries, status.triesLeft());
        assertEquals(ref, status.reference());
        assertEquals(StatusWord.parse(sw), status.statusWord());
    }

    @Test
    void onlyExactlyOneTryLeftIsTheLastTry() {
        assertTrue(status(PinReference.USER, "63C1").isLastTry());
        assertFalse(status(PinReference.USER, "63C2").isLastTry());
        assertFalse(status(PinReference.USER, "6983").isLastTry());
        assertTrue(status(PinReference.SO, "6983").isBlocked());
    }

    @Test
    void describeReadsLikeSchsmTool() {
        assertEquals("SO-PIN tries left: 7", status(PinReference.SO, "63C7").describe());
        assertEquals("user PIN blocked", status(PinReference.USER, "6983").describe());
        assertEquals("user PIN is a transport PIN: change it before use", status(PinReference.USER, "6984").describe());
        assertTrue(status(PinReference.USER, "6300").describe().contains("6300 ("));
    }
}
