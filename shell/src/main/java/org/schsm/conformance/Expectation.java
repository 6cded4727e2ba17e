package org.schsm.conformance;

import java.util.Optional;

/**
 * One thing a response must satisfy. {@link #mismatch} answers empty when the exchange meets it,
 * else a short phrase naming what was found instead; {@link #describe} says what was expected.
 * Implementations are immutable and are built once per {@code send}, never per byte.
 */
public interface Expectation {

    /** What the card should have answered, e.g. {@code SW 9000 (success)}. */
    String describe();

    /** Empty when {@code exchange} satisfies this expectation, else what was wrong. */
    Optional<String> mismatch(Exchange exchange);

    /**
     * What this expectation looks at in the answer, as text (the status word, the data, one data
     * object), so that the answers of several cards can be compared on exactly what the suite
     * asserts. Empty when the aspect differs between cards by nature (time).
     */
    Optional<String> observed(Exchange exchange);
}
