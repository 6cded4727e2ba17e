package org.schsm.cli;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import org.schsm.hsm.KeyInfo;
import org.schsm.hsm.SmartCardHsm;
import org.schsm.session.CardConnector;
import org.schsm.session.CardOptions;
import org.schsm.session.CardSession;
import org.schsm.session.ExitCode;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code schsm keys}: one row per key on the card (not the device key), read without a PIN: one
 * ENUMERATE OBJECTS and one READ BINARY per description and CV request (docs/keys.md).
 */
@Command(name = "keys", description = "List the keys on the card (id, type, size or curve, label, request or"
        + " certificate); needs no PIN.")
public final class KeysCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--json", description = "Print the keys as a JSON array.")
    boolean json;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        try (CardSession session = CardConnector.open(CardOptions.of(spec), spec.commandLine().getErr(), true)) {
            SmartCardHsm hsm = new SmartCardHsm(session.transport());
            hsm.select();
            List<KeyInfo> keys = hsm.keys();
            if (json) {
                out.println(Json.GSON.toJson(json(keys)));
                return ExitCode.OK;
            }
            print(out, keys);
            return ExitCode.OK;
        }
    }

    static void print(PrintWriter out, List<KeyInfo> keys) {
        if (keys.isEmpty()) {
            out.println("No keys on the card (the device key CC00 is not listed).");
            return;
        }
        out.println(String.format("%-4s %-4s %5s  %-16s %-10s %s", "ID", "TYPE", "BITS", "CURVE", "CE", "LABEL"));
        for (KeyInfo k : keys) {
            out.println(String.format("%-4s %-4s %5s  %-16s %-10s %s", k.idHex(),
                    k.type().map(Enum::name).orElse("?"), k.sizeBits() > 0 ? Integer.toString(k.sizeBits()) : "?",
                    k.curve().orElse("-"), k.credential().word(), k.label().orElse("")));
        }
    }

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
            array.add(o);
        }
        return array;
    }
}
