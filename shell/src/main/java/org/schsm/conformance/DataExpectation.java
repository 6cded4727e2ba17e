package org.schsm.conformance;

import java.util.Arrays;
import java.util.Optional;
import java.util.regex.Pattern;
import org.schsm.apdu.Hex;

/**
 * The response data: either exactly some bytes, or a regular expression found in the data
 * written as upper-case hex without separators ({@code ~/^62.{2}82/}; anchor with ^ and $).
 */
public final class DataExpectation implements Expectation {
    private final byte[] exact;
    private final Pattern pattern;

    private DataExpectation(byte[] exact, Pattern pattern) {
        this.exact = exact;
        this.pattern = pattern;
    }

    public static DataExpectation of(Object spec) {
        if (spec instanceof Pattern p) {
            return new DataExpectation(null, p);
        }
        if (spec instanceof byte[] b) {
            return new DataExpectation(b.clone(), null);
        }
        if (spec instanceof CharSequence text) {
            return new DataExpectation(ConformanceHex.decode("data", text), null);
        }
        throw new SuiteDefinitionException("data: expected hex text, bytes or a regex (~/.../), got "
                + (spec == null ? "null" : spec.getClass().getSimpleName()));
    }

    @Override
    public String describe() {
        if (pattern != null) {
            return "data matching /" + pattern.pattern() + "/";
        }
        return exact.length == 0 ? "no data" : "data " + Hex.spaced(exact);
    }

    @Override
    public Optional<String> mismatch(Exchange exchange) {
        byte[] data = exchange.response().data();
        boolean ok = pattern != null ? pattern.matcher(Hex.encode(data)).find() : Arrays.equals(exact, data);
        return ok ? Optional.empty() : Optional.of(exchange.shownAnswer());
    }

    @Override
    public Optional<String> observed(Exchange exchange) {
        byte[] data = exchange.response().data();
        return Optional.of(data.length == 0 ? "no data" : "data " + exchange.shownBytes(data));
    }
}
