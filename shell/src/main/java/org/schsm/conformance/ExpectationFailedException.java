package org.schsm.conformance;

/**
 * A response did not meet an expectation. The message names the command as sent (PIN data
 * {@code **}), what was expected and what the card answered, status words with their meanings.
 */
public final class ExpectationFailedException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final transient Exchange exchange;

    public ExpectationFailedException(Exchange exchange, Expectation expectation, String found) {
        super("sent " + exchange.shown() + " — expected " + expectation.describe() + ", got " + found);
        this.exchange = exchange;
    }

    public Exchange exchange() {
        return exchange;
    }
}
