package org.schsm.transport;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.schsm.apdu.Hex;
import org.schsm.testkit.ScriptedTransport;

class ExclusiveAccessTest {

    /** Records begin/end/transmit in order, like a PC/SC card that can be held. */
    private static final class HoldableCard implements CardTransport {
        final List<String> events = new ArrayList<>();
        RuntimeException failOnEnd;

        @Override
        public byte[] transmit(byte[] command) {
            events.add("transmit " + Hex.encode(command));
            return Hex.decode("9000");
        }

        @Override
        public void beginExclusive() {
            events.add("begin");
        }

        @Override
        public void endExclusive() {
            events.add("end");
            if (failOnEnd != null) {
                throw failOnEnd;
            }
        }

        @Override
        public byte[] atr() {
            return new byte[0];
        }

        @Override
        public String name() {
            return "holdable";
        }

        @Override
        public void close() {
            events.add("close");
        }
    }

    @Test
    void exclusiveHoldsTheCardAroundEveryApduOfTheOperation() {
        HoldableCard card = new HoldableCard();
        String result = card.exclusive(() -> {
            card.transmit(Hex.decode("0020008100"));
            card.transmit(Hex.decode("8068000000"));
            return "done";
        });
        assertEquals("done", result);
        assertEquals(List.of("begin", "transmit 0020008100", "transmit 8068000000", "end"), card.events);
    }

    @Test
    void decoratorsPassExclusiveAccessThroughToTheRawTransport() {
        HoldableCard card = new HoldableCard();
        List<String> trace = new ArrayList<>();
        CardTransport decorated = Transports.decorate(card, true, trace::add);
        decorated.exclusive(() -> decorated.transmit(Hex.decode("00A4040000")));
        assertEquals(List.of("begin", "transmit 00A4040000", "end"), card.events);
        assertEquals(2, trace.size(), "the tracer still sees the APDU: " + trace);
    }

    @Test
    void exclusiveAccessIsReleasedWhenTheOperationFails() {
        HoldableCard card = new HoldableCard();
        IllegalStateException boom = new IllegalStateException("card said no");
        IllegalStateException thrown = assertThrows(IllegalStateException.class, () -> card.exclusive(() -> {
            throw boom;
        }));
        assertSame(boom, thrown);
        assertEquals(List.of("begin", "end"), card.events);
    }

    @Test
    void aFailedReleaseIsAttachedToTheOperationsFailureNotSwappedForIt() {
        HoldableCard card = new HoldableCard();
        card.failOnEnd = new CardRemovedException("gone");
        IllegalStateException boom = new IllegalStateException("first error");
        IllegalStateException thrown = assertThrows(IllegalStateException.class, () -> card.exclusive(() -> {
            throw boom;
        }));
        assertSame(boom, thrown);
        assertEquals(1, thrown.getSuppressed().length);
        assertSame(card.failOnEnd, thrown.getSuppressed()[0]);
    }

    @Test
    void aFailedReleaseAfterSuccessfulWorkIsReported() {
        HoldableCard card = new HoldableCard();
        card.failOnEnd = new CardRemovedException("gone");
        assertThrows(CardRemovedException.class, () -> card.exclusive(() -> "ok"));
    }

    @Test
    void transportsWithoutOtherClientsRunTheWorkUnchanged() {
        ScriptedTransport card = new ScriptedTransport().expect("00B0000002", "AABB9000");
        byte[] r = card.exclusive(() -> card.transmit(Hex.decode("00B0000002")));
        assertArrayEquals(Hex.decode("AABB9000"), r);
        card.assertDone();
    }
}
