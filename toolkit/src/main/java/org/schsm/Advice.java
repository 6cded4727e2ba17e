package org.schsm;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * A sentence for users in which remedies appear as values: {@code Advice.of("run ", new
 * Remedy.Diagnose(), " before trying another.")}. Each front end renders the remedies its own
 * way ({@link #render}); {@link #toString()} uses the toolkit's own words ({@link Remedy#plain()}).
 *
 * @param parts strings and {@link Remedy} values, in order
 */
public record Advice(List<Object> parts) {
    public Advice {
        for (Object part : parts) {
            if (!(part instanceof String) && !(part instanceof Remedy)) {
                throw new IllegalArgumentException("advice is made of strings and remedies, not " + part);
            }
        }
        parts = List.copyOf(parts);
    }

    public static Advice of(Object... parts) {
        return new Advice(List.of(parts));
    }

    /** No advice. */
    public static Advice none() {
        return new Advice(List.of());
    }

    /** This advice followed by {@code more}. */
    public Advice then(Object... more) {
        List<Object> all = new ArrayList<>(parts);
        for (Object part : more) {
            if (part instanceof Advice a) {
                all.addAll(a.parts());
            } else {
                all.add(part);
            }
        }
        return new Advice(all);
    }

    /** The remedies named, in order. */
    public List<Remedy> remedies() {
        return parts.stream().filter(Remedy.class::isInstance).map(Remedy.class::cast).toList();
    }

    /** The text, each remedy said by {@code say}. */
    public String render(Function<? super Remedy, String> say) {
        StringBuilder sb = new StringBuilder();
        for (Object part : parts) {
            sb.append(part instanceof Remedy r ? say.apply(r) : (String) part);
        }
        return sb.toString();
    }

    /** The text in the toolkit's own words. */
    @Override
    public String toString() {
        return render(Remedy::plain);
    }
}
