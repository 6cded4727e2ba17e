package org.schsm.conformance;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.schsm.apdu.StatusWord;

/**
 * The status word must be one of a set of values or patterns: {@code 0x9000}, {@code '6A88'},
 * {@code '63CX'} (X: any hex digit), or a list of these. Matching is a mask compare per entry.
 */
public final class StatusWordExpectation implements Expectation {
    private final int[] values;
    private final int[] masks;
    /** Built on first use: only a failure or a report needs it (a pure function of values and masks). */
    private volatile String described;

    private StatusWordExpectation(int[] values, int[] masks) {
        this.values = values;
        this.masks = masks;
    }

    /** Parses an Integer, a String pattern, a {@link StatusWord} or a collection of these. */
    public static StatusWordExpectation of(Object spec) {
        List<Object> items = new ArrayList<>();
        if (spec instanceof Iterable<?> it) {
            it.forEach(items::add);
        } else if (spec instanceof Object[] arr) {
            items.addAll(List.of(arr));
        } else {
            items.add(spec);
        }
        if (items.isEmpty()) {
            throw new SuiteDefinitionException("sw: an empty list accepts no status word");
        }
        int[] values = new int[items.size()];
        int[] masks = new int[items.size()];
        for (int i = 0; i < items.size(); i++) {
            Object item = items.get(i);
            if (item instanceof Number n) {
                int v = n.intValue();
                if (v < 0 || v > 0xFFFF) {
                    throw new SuiteDefinitionException("sw: " + n + " is not a two-byte status word");
                }
                values[i] = v;
                masks[i] = 0xFFFF;
            } else if (item instanceof StatusWord sw) {
                values[i] = sw.value();
                masks[i] = 0xFFFF;
            } else if (item instanceof CharSequence text) {
                parsePattern(text.toString(), values, masks, i);
            } else {
                throw new SuiteDefinitionException("sw: expected a number, a string such as '63CX' or a list, got "
                        + (item == null ? "null" : item.getClass().getSimpleName()));
            }
        }
        return new StatusWordExpectation(values, masks);
    }

    private static void parsePattern(String text, int[] values, int[] masks, int i) {
        String t = text.trim().replace(" ", "");
        if (t.startsWith("0x") || t.startsWith("0X")) {
            t = t.substring(2);
        }
        if (t.length() != 4) {
            throw new SuiteDefinitionException("sw: '" + text + "' is not four hex digits (X for any digit)");
        }
        int value = 0;
        int mask = 0;
        for (int k = 0; k < 4; k++) {
            char c = t.charAt(k);
            value <<= 4;
            mask <<= 4;
            if (c == 'X' || c == 'x') {
                continue;
            }
            int d = Character.digit(c, 16);
            if (d < 0 || c > 0x7F) {
                throw new SuiteDefinitionException("sw: '" + text + "' has '" + c + "', neither a hex digit nor X");
            }
            value |= d;
            mask |= 0xF;
        }
        values[i] = value;
        masks[i] = mask;
    }

    private static String describePattern(int value, int mask) {
        if (mask == 0xFFFF) {
            return new StatusWord(value).toString();
        }
        StringBuilder hex = new StringBuilder();
        for (int shift = 12; shift >= 0; shift -= 4) {
            hex.append(((mask >> shift) & 0xF) == 0 ? 'X' : Character.toUpperCase(Character.forDigit((value >> shift) & 0xF, 16)));
        }
        if (value == 0x63C0 && mask == 0xFFF0) {
            return hex + " (wrong PIN, X tries left)";
        }
        return hex + " (any status word of this form)";
    }

    public boolean matches(int sw) {
        for (int i = 0; i < values.length; i++) {
            if ((sw & masks[i]) == values[i]) {
                return true;
            }
        }
        return false;
    }

    @Override
    public String describe() {
        String d = described;
        if (d == null) {
            List<String> parts = new ArrayList<>(values.length);
            for (int i = 0; i < values.length; i++) {
                parts.add(describePattern(values[i], masks[i]));
            }
            d = parts.size() == 1 ? "SW " + parts.get(0) : "SW one of " + String.join(", ", parts);
            described = d;
        }
        return d;
    }

    @Override
    public Optional<String> mismatch(Exchange exchange) {
        if (matches(exchange.response().sw())) {
            return Optional.empty();
        }
        return Optional.of(exchange.response().statusWord().toString());
    }

    @Override
    public Optional<String> observed(Exchange exchange) {
        return Optional.of(exchange.response().statusWord().toString());
    }
}
