package org.schsm.conformance;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Reads the named arguments of {@code send}: {@code sw:}, {@code data:}, {@code tlv:},
 * {@code within:}. Status-word specs are cached, since a loop sends the same one many times.
 */
public final class Expectations {
    /** The keywords {@code send} accepts, in the order they are checked. */
    public static final List<String> KEYWORDS = List.of("sw", "data", "tlv", "within");

    private static final Map<Object, StatusWordExpectation> SW_CACHE = new ConcurrentHashMap<>();
    private static final int SW_CACHE_LIMIT = 4096;

    private Expectations() {
    }

    public static List<Expectation> fromNamedArguments(Map<?, ?> named) {
        if (named == null || named.isEmpty()) {
            return List.of();
        }
        if (named.size() == 1) {
            // The common case, sw: alone: no keyword scan, no list growth.
            Object sw = named.get("sw");
            if (sw != null) {
                return List.of(statusWord(sw));
            }
        }
        List<Expectation> out = new ArrayList<>(named.size());
        for (Map.Entry<?, ?> e : named.entrySet()) {
            String key = String.valueOf(e.getKey());
            if (!KEYWORDS.contains(key)) {
                throw new SuiteDefinitionException("send: unknown keyword '" + key + ":'; known: "
                        + String.join(", ", KEYWORDS));
            }
        }
        Object sw = named.get("sw");
        if (sw != null) {
            out.add(statusWord(sw));
        }
        Object data = named.get("data");
        if (named.containsKey("data")) {
            out.add(DataExpectation.of(data));
        }
        Object tlv = named.get("tlv");
        if (tlv != null) {
            if (!(tlv instanceof Map<?, ?> paths)) {
                throw new SuiteDefinitionException("tlv: expected a map of tag path to value, e.g. tlv: ['62/85': '0001FF0306']");
            }
            for (Map.Entry<?, ?> p : paths.entrySet()) {
                out.add(TlvExpectation.of(String.valueOf(p.getKey()), p.getValue()));
            }
        }
        Object within = named.get("within");
        if (within != null) {
            out.add(new TimeExpectation(TimeExpectation.durationOf("within", within)));
        }
        return out;
    }

    static StatusWordExpectation statusWord(Object spec) {
        boolean cacheable = isCacheKey(spec) || spec instanceof List<?> list && !list.isEmpty() && allCacheKeys(list);
        if (!cacheable) {
            return StatusWordExpectation.of(spec);
        }
        StatusWordExpectation cached = SW_CACHE.get(spec);
        if (cached == null) {
            cached = StatusWordExpectation.of(spec);
            if (SW_CACHE.size() < SW_CACHE_LIMIT) {
                // A list is stored as an immutable copy: the suite may change its own list later.
                SW_CACHE.put(spec instanceof List<?> list ? List.copyOf(list) : spec, cached);
            }
        }
        return cached;
    }

    /** Values whose equals and hashCode are by value and never change (a GString is neither). */
    private static boolean isCacheKey(Object o) {
        return o instanceof Integer || o instanceof Long || o instanceof String;
    }

    private static boolean allCacheKeys(List<?> list) {
        for (Object o : list) {
            if (!isCacheKey(o)) {
                return false;
            }
        }
        return true;
    }
}
