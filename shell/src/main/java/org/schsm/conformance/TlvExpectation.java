package org.schsm.conformance;

import java.util.Arrays;
import java.util.Optional;
import java.util.regex.Pattern;
import org.schsm.apdu.Hex;
import org.schsm.tlv.Tlv;
import org.schsm.tlv.TlvFormatException;
import org.schsm.tlv.TlvReader;

/**
 * A data object found by tag path in the response ({@code '62/85'}) must have a given value
 * (hex), a value matching a regex (on upper-case hex), or, with {@code true}/{@code false},
 * merely be present or absent.
 */
public final class TlvExpectation implements Expectation {
    private final String path;
    private final byte[] exact;
    private final Pattern pattern;
    private final Boolean present;

    private TlvExpectation(String path, byte[] exact, Pattern pattern, Boolean present) {
        this.path = path;
        this.exact = exact;
        this.pattern = pattern;
        this.present = present;
    }

    public static TlvExpectation of(String path, Object spec) {
        if (path == null || path.isBlank()) {
            throw new SuiteDefinitionException("tlv: empty tag path");
        }
        for (String part : path.split("/")) {
            ConformanceHex.decode("tlv path '" + path + "'", part.trim());
        }
        if (spec instanceof Pattern p) {
            return new TlvExpectation(path, null, p, null);
        }
        if (spec instanceof Boolean b) {
            return new TlvExpectation(path, null, null, b);
        }
        if (spec instanceof byte[] b) {
            return new TlvExpectation(path, b.clone(), null, null);
        }
        if (spec instanceof CharSequence text) {
            return new TlvExpectation(path, ConformanceHex.decode("tlv '" + path + "'", text), null, null);
        }
        throw new SuiteDefinitionException("tlv '" + path + "': expected hex text, a regex or true/false, got "
                + (spec == null ? "null" : spec.getClass().getSimpleName()));
    }

    @Override
    public String describe() {
        if (present != null) {
            return "data object " + path + (present ? " present" : " absent");
        }
        if (pattern != null) {
            return "data object " + path + " with a value matching /" + pattern.pattern() + "/";
        }
        return "data object " + path + " = " + (exact.length == 0 ? "(empty)" : Hex.spaced(exact));
    }

    @Override
    public Optional<String> mismatch(Exchange exchange) {
        Optional<Tlv> found;
        try {
            found = TlvReader.find(exchange.response().data(), path);
        } catch (TlvFormatException e) {
            return Optional.of("data that is not BER-TLV (" + e.getMessage() + "): " + exchange.shownAnswer());
        }
        if (present != null) {
            return found.isPresent() == present ? Optional.empty()
                    : Optional.of((found.isPresent() ? "it present" : "no " + path) + " in " + exchange.shownAnswer());
        }
        if (found.isEmpty()) {
            return Optional.of("no data object " + path + " in " + exchange.shownAnswer());
        }
        byte[] value = found.get().value();
        boolean ok = pattern != null ? pattern.matcher(Hex.encode(value)).find() : Arrays.equals(exact, value);
        return ok ? Optional.empty()
                : Optional.of(path + " = " + (value.length == 0 ? "(empty)" : exchange.shownBytes(value)) + " with "
                        + exchange.response().statusWord());
    }

    @Override
    public Optional<String> observed(Exchange exchange) {
        Optional<Tlv> found;
        try {
            found = TlvReader.find(exchange.response().data(), path);
        } catch (TlvFormatException e) {
            return Optional.of(path + ": data is not BER-TLV");
        }
        if (found.isEmpty()) {
            return Optional.of("no " + path);
        }
        if (present != null) {
            return Optional.of(path + " present");
        }
        byte[] value = found.get().value();
        return Optional.of(path + " = " + (value.length == 0 ? "(empty)" : exchange.shownBytes(value)));
    }
}
