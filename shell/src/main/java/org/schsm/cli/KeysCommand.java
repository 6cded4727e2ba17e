package org.schsm.cli;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import org.schsm.hsm.KeyInfo;
import org.schsm.hsm.KeyUsage;
import org.schsm.hsm.SmartCardHsm;
import org.schsm.session.CardConnector;
import org.schsm.session.CardOptions;
import org.schsm.session.CardSession;
import org.schsm.session.ExitCode;
import org.schsm.session.FleetOptions;
import org.schsm.session.Json;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code schsm keys}: one row per key on the card (not the device key), read without a PIN: one
 * ENUMERATE OBJECTS and one READ BINARY per description and CV request (docs/keys.md). With
 * {@code --usage} also each key's allowed algorithms and use counter, one SELECT more per key.
 */
@Command(name = "keys", description = "List the keys on the card (id, type, size or curve, label, request or"
        + " certificate); needs no PIN.")
public final class KeysCommand implements Callable<Integer> {
    /** --parallel, for a run over a reader set (org.schsm.fleet.FleetRun reads it). */
    @Mixin
    FleetOptions fleet;

    @Spec
    CommandSpec spec;

    @Option(names = "--json", description = "Print the keys as a JSON array.")
    boolean json;

    @Option(names = "--usage", description = "Also show each key's allowed algorithms and uses left (one SELECT"
            + " more per key).")
    boolean usage;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        try (CardSession session = CardConnector.open(CardOptions.of(spec), spec.commandLine().getErr(), true)) {
            SmartCardHsm hsm = new SmartCardHsm(session.transport());
            hsm.select();
            List<KeyInfo> keys = usage ? hsm.keysWithUsage() : hsm.keys();
            if (json) {
                out.println(Json.GSON.toJson(json(keys)));
                return ExitCode.OK;
            }
            print(out, keys);
            return ExitCode.OK;
        }
    }

    /** The table; the USES and ALGORITHMS columns when every key's usage was read. */
    static void print(PrintWriter out, List<KeyInfo> keys) {
        if (keys.isEmpty()) {
            out.println("No keys on the card (the device key CC00 is not listed).");
            return;
        }
        boolean withUsage = keys.stream().allMatch(k -> k.usage().isPresent());
        String format = "%-4s %-4s %5s  %-16s %-10s %-20s" + (withUsage ? " %-12s %s" : "");
        out.println(String.format(format, "ID", "TYPE", "BITS", "CURVE", "CE", "LABEL", "USES", "ALGORITHMS").stripTrailing());
        for (KeyInfo k : keys) {
            String uses = k.usage().map(KeyUsage::usesLeftText).orElse("");
            String algorithms = k.usage().map(KeyUsage::algorithmsText).orElse("");
            out.println(String.format(format, k.idHex(),
                    k.type().map(Enum::name).orElse("?"), k.sizeBits() > 0 ? Integer.toString(k.sizeBits()) : "?",
                    k.curve().orElse("-"), k.credential().word(), k.label().orElse(""), uses, algorithms).stripTrailing());
        }
    }

    /**
     * One object per key; with the usage read, also {@code algorithms} (hex IDs; null for no list,
     * i.e. any the key type allows), {@code usesLeft} (null without a use counter), {@code keyDomain}
     * and {@code usageReported} (false when the card's FCP says nothing, then the others are null).
     */
    static JsonArray json(List<KeyInfo> keys) {
        JsonArray array = new JsonArray();
        for (KeyInfo k : keys) {
            JsonObject o = new JsonObject();
            o.addProperty("id", k.id());
            o.addProperty("type", k.type().map(Enum::name).orElse(null));
            o.addProperty("size", k.sizeBits() > 0 ? k.sizeBits() : null);
            o.addProperty("curve", k.curve().orElse(null));
            o.addProperty("label", k.label().orElse(null));
            o.addProperty("credential", k.credential().word());
            k.usage().ifPresent(u -> usage(o, u));
            array.add(o);
        }
        return array;
    }

    private static void usage(JsonObject o, KeyUsage u) {
        o.addProperty("usageReported", u.reported());
        JsonArray algorithms = null;
        if (u.reported() && !u.algorithms().isEmpty()) {
            algorithms = new JsonArray();
            for (int a : u.algorithms()) {
                algorithms.add(String.format("%02X", a));
            }
        }
        o.add("algorithms", algorithms);
        o.addProperty("usesLeft", u.usesLeft().isPresent() ? u.usesLeft().getAsLong() : null);
        o.addProperty("keyDomain", u.keyDomain().isPresent() ? u.keyDomain().getAsInt() : null);
    }
}
