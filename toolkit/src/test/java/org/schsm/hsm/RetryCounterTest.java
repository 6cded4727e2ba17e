package org.schsm.hsm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class RetryCounterTest {

    @Test
    void maximumDependsOnPinLengthAsSchsmToolEnforces() {
        assertEquals(3, RetryCounter.maximumFor(6));
        assertEquals(5, RetryCounter.maximumFor(7));
        assertEquals(10, RetryCounter.maximumFor(8));
        assertEquals(10, RetryCounter.maximumFor(16));
    }

    @Test
    void counterOutsideOneToTenIsRefused() {
        assertThrows(RetryCounterException.class, () -> new RetryCounter(0));
        assertThrows(RetryCounterException.class, () -> new RetryCounter(11));
        assertEquals(10, new RetryCounter(10).value());
    }

    @Test
    void defaultIsThree() {
        assertEquals(3, RetryCounter.DEFAULT.value());
    }

    @Test
    void counterTooLargeForAShortPinIsRefusedWithTheRule() {
        RetryCounterException e = assertThrows(RetryCounterException.class,
                () -> new RetryCounter(4).checkAllowedFor(Pin.user("648219")));
        assertEquals("a user PIN of 6 characters allows at most 3 tries, not 4 (6 characters: 3, 7: 5, 8 or more: 10)",
                e.getMessage());
        new RetryCounter(5).checkAllowedFor(Pin.user("6482190"));
        new RetryCounter(10).checkAllowedFor(Pin.user("64821900"));
    }
}
