package org.schsm.cli;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;

/** One JSON style for every {@code --json} output: pretty, stable field order, no HTML escaping. */
final class Json {
    static final Gson GSON = new GsonBuilder().setPrettyPrinting().disableHtmlEscaping().serializeNulls().create();

    private Json() {
    }
}
