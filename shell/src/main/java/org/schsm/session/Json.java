package org.schsm.session;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;

/**
 * One JSON style for every {@code --json} output, of one device or of a fleet: pretty, stable field
 * order, no HTML escaping, nulls written. Built when the first JSON is written, not when a class
 * that may write JSON is loaded: making a Gson costs milliseconds of every start-up otherwise.
 */
public final class Json {
    public static final Gson GSON = new GsonBuilder().setPrettyPrinting().disableHtmlEscaping().serializeNulls().create();

    private Json() {
    }
}
