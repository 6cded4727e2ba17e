package org.schsm.shell;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.schsm.InvalidInputException;
import org.schsm.apdu.StatusWord;

/**
 * The {@code expect:} argument of {@code send}: status words given as numbers, hex strings
 * ({@code "63C2"}) or Groovy ranges ({@code 0x63C0..0x63CF}), flattened into one list.
 */
public final class ExpectedStatusWords {
    private final List<Integer> values;

    private ExpectedStatusWords(List<Integer> values) {
        this.values = List.copyOf(values);
    }

    /** Accepts a number, a hex string, a {@link StatusWord}, or any (nested) collection of those. */
    public static ExpectedStatusWords of(Object spec) {
        List<Integer> out = new ArrayList<>();
        flatten(spec, out);
        if (out.isEmpty()) {
            throw new InvalidInputException("expect: lists no status word");
        }
        return new ExpectedStatusWords(out);
    }

    private static void flatten(Object spec, List<Integer> out) {
        if (spec instanceof Collection<?> many) {   // Groovy ranges are lists
            for (Object one : many) {
                flatten(one, out);
            }
        } else if (spec instanceof Object[] array) {
            for (Object one : array) {
                flatten(one, out);
            }
        } else if (spec instanceof Integer || spec instanceof Long || spec instanceof Short
                || spec instanceof java.math.BigInteger) {
            Number n = (Number) spec;
            out.add(new StatusWord(n.intValue()).value());
        } else if (spec instanceof StatusWord sw) {
            out.add(sw.value());
        } else if (spec instanceof CharSequence text) {
            out.add(StatusWord.parse(text.toString()).value());
        } else {
            throw new InvalidInputException("expect: takes status words (0x9000, \"63C2\", 0x63C0..0x63CF), not "
                    + (spec == null ? "null" : spec.getClass().getSimpleName()));
        }
    }

    public boolean contains(StatusWord sw) {
        return values.contains(sw.value());
    }

    public List<Integer> values() {
        return values;
    }

    /** {@code 9000 (success) or 63C0..63CF (wrong PIN, 0..15 tries left)}: runs are shown as ranges. */
    public String describe() {
        List<String> parts = new ArrayList<>();
        int i = 0;
        while (i < values.size()) {
            int j = i;
            while (j + 1 < values.size() && values.get(j + 1) == values.get(j) + 1) {
                j++;
            }
            StatusWord first = new StatusWord(values.get(i));
            if (j - i >= 2) {
                StatusWord last = new StatusWord(values.get(j));
                parts.add(first.hex() + ".." + last.hex() + " (" + first.meaning() + " .. " + last.meaning() + ")");
            } else {
                for (int k = i; k <= j; k++) {
                    parts.add(new StatusWord(values.get(k)).toString());
                }
            }
            i = j + 1;
        }
        return String.join(" or ", parts);
    }
}
