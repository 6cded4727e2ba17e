package org.schsm.conformance;

import java.time.Duration;
import java.util.Optional;

/** The card must answer within a time budget (measured around the transport call). */
public final class TimeExpectation implements Expectation {
    private final long budgetNanos;

    public TimeExpectation(Duration budget) {
        if (budget.isNegative() || budget.isZero()) {
            throw new SuiteDefinitionException("within: the time budget must be positive, got " + budget);
        }
        this.budgetNanos = budget.toNanos();
    }

    /** A Duration, or a number of milliseconds. */
    public static Duration durationOf(String keyword, Object spec) {
        if (spec instanceof Duration d) {
            return d;
        }
        if (spec instanceof Number n) {
            return Duration.ofNanos(Math.round(n.doubleValue() * 1_000_000d));
        }
        throw new SuiteDefinitionException(keyword + ": expected milliseconds or a duration such as 50.ms, got "
                + (spec == null ? "null" : spec.getClass().getSimpleName()));
    }

    static String millis(long nanos) {
        return String.format(java.util.Locale.ROOT, "%.3f ms", nanos / 1e6);
    }

    @Override
    public String describe() {
        return "an answer within " + millis(budgetNanos);
    }

    @Override
    public Optional<String> mismatch(Exchange exchange) {
        return exchange.nanos() <= budgetNanos ? Optional.empty()
                : Optional.of("an answer after " + millis(exchange.nanos()) + " (" + exchange.response().statusWord() + ")");
    }

    /** Timing is not compared between cards: it differs by nature, and each card's budget is checked on its own. */
    @Override
    public Optional<String> observed(Exchange exchange) {
        return Optional.empty();
    }
}
